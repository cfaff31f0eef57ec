public enum RuleDeskPlaceholder {}
