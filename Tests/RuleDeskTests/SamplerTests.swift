import LuaRuntime
import Testing
@testable import RuleDesk

@Suite struct SamplerTests {
    private func households(_ buildings: [String: Int]) -> [LuaValue] {
        buildings.sorted { $0.key < $1.key }.flatMap { building, count in
            (1...count).map { LuaValue.table(["code": .string("B\(building)-\(1000 + $0)"), "building": .string(building)]) }
        }
    }

    private func codes(_ items: [LuaValue]) -> [String] { items.compactMap { $0["code"].stringValue } }

    @Test func theSameSeedGivesTheSameDraw() throws {
        let list = households(["1": 40, "2": 20])
        let first = try Sampler.sample(list, n: 10, seed: "H01@2026-03-01")
        let again = try Sampler.sample(list.reversed(), n: 10, seed: "H01@2026-03-01")
        #expect(codes(first) == codes(again))
        #expect(codes(first) == codes(first).sorted())
        let other = try Sampler.sample(list, n: 10, seed: "H01@2026-03-02")
        #expect(codes(other) != codes(first))
    }

    @Test func theDrawIsTheSameOnEveryMachine() throws {
        // SHA-256 ranks do not depend on the platform: this draw is fixed for ever.
        let list = households(["1": 5])
        #expect(codes(try Sampler.sample(list, n: 2, seed: "golden")) == Self.golden)
    }
    static let golden = ["B1-1001", "B1-1005"]  // computed independently with Python's hashlib

    @Test func strataGetProportionalSharesByLargestRemainder() throws {
        let list = households(["1": 60, "2": 30, "3": 10])
        let drawn = try Sampler.sample(list, n: 90, seed: "s", strata: "building")
        let perBuilding = Dictionary(grouping: drawn, by: { $0["building"].stringValue! }).mapValues(\.count)
        #expect(perBuilding == ["1": 54, "2": 27, "3": 9])
        #expect(Sampler.allocate(10, sizes: ["a": 5, "b": 3, "c": 2]) == ["a": 5, "b": 3, "c": 2])
        #expect(Sampler.allocate(2, sizes: ["a": 5, "b": 3, "c": 2]) == ["a": 1, "b": 1, "c": 0])
        #expect(Sampler.allocate(3, sizes: ["big": 97, "small": 3]) == ["big": 3, "small": 0])
    }

    @Test func aSmallBuildingIsNotLeftOutByChance() throws {
        let list = households(["1": 50, "2": 5])
        for seed in ["a", "b", "c", "d", "e"] {
            let drawn = try Sampler.sample(list, n: 11, seed: seed, strata: "building")
            #expect(drawn.filter { $0["building"] == "2" }.count == 1)
        }
    }

    @Test func tooLargeASampleIsAnError() {
        #expect(throws: LuaError.self) { try Sampler.sample(households(["1": 3]), n: 4, seed: "x") }
    }
}
