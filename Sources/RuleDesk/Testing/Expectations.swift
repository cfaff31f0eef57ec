/// The `expect_*` helpers of rule tests, in Lua (`Expectations.lua`, compiled into the library): they fail with
/// `file:line: what: expected E, got A`, pointing at the test's own line.
enum Expectations {
    static var source: String { String(decoding: PackageResources.Expectations_lua, as: UTF8.self) }
}
