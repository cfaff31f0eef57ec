import LuaRuntime

/// A community's revisit plan (回访计划) as the rules decided it for one date.
public struct RevisitPlan: Sendable, Equatable {
    /// An owner to visit again.
    public struct FollowUp: Sendable, Equatable {
        public let household: String
        public let withManager: Bool
    }

    public let community: String
    public let on: LocalDate
    /// `first`, `annual` or `none`.
    public let kind: String
    public let mode: String?
    public let occupancy: Double
    public let sampleSize: Int
    /// Codes of the households drawn.
    public let households: [String]
    public let followUps: [FollowUp]
    public let seed: String
    public let rulesVersion: String
    public let trace: [String]

    /// The plan as one JSON object (``luaValue`` written as JSON, without the seed, its members in this order):
    /// `{"community", "on", "kind", "mode", "occupancy", "sample_size", "households", "follow_ups", "rules_version", "trace"}`.
    public var json: String {
        let fields = luaValue
        return JSONText.object(["community", "on", "kind", "mode", "occupancy", "sample_size", "households", "follow_ups",
                                "rules_version", "trace"].map { ($0, JSONText.encode(fields[$0])) })
    }

    /// The plan for people.
    public var text: String {
        var lines = [
            "回访计划 \(community) · \(on) · 规则版本 \(rulesVersion.prefix(12))",
            "  kind         \(kind)",
            "  mode         \(mode ?? "—")",
            "  occupancy    \(Int((occupancy * 100).rounded()))%",
            "  sample_size  \(sampleSize)",
        ]
        if !households.isEmpty { lines.append("  households   " + households.joined(separator: " ")) }
        if !followUps.isEmpty {
            lines.append("  follow_ups   " + followUps.map { $0.household + ($0.withManager ? " (with_manager)" : "") }
                .joined(separator: ", "))
        }
        lines += trace.map { "  · " + $0 }
        return lines.joined(separator: "\n")
    }
}
