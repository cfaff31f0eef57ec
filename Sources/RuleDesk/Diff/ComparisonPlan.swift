/// What an engine's `decideCompared` does for `diff` (``EnginePair``), by rule name: which rules it takes from the
/// other engine's decision instead of evaluating them, which rules' results it encodes, which outputs it hands over
/// and which rules' bytes it counts for the other engine; whether it watches the modules, and which modules (by
/// name) the rules it counts must not reach.
struct ComparisonPlan {
    var reusing: [String] = []
    var encoding: [String]
    var handing: [String] = []
    var counting: [String] = []
    var watching = false
    var flagging: [String] = []
}
