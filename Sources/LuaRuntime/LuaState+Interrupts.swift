import CLua

extension LuaState {
    /// A handle another thread can use to stop the running call (a watchdog, a console).
    public var interruption: LuaInterruption { LuaInterruption(limits: limitsPointer) }

    /// Makes Ctrl-C (SIGINT) stop this state's running call; a read blocked at the time returns early.
    /// For a console: one state per process.
    public func catchInterrupts() {
        rd_catch_sigint(limitsPointer)
    }

    /// Why the running call must stop now (`instruction budget exhausted`, `time limit exceeded`, `interrupted`), or
    /// nil. Host code that works for a call (a query) asks, since the hook cannot stop it.
    public var stopReason: String? {
        rd_stop_reason(limitsPointer).map { String(cString: $0) }
    }

    /// Whether the running call must stop now: see ``stopReason``.
    public var mustStop: Bool { stopReason != nil }

    /// Whether Ctrl-C was pressed since the last time this was asked. A Ctrl-C stops the running call, or the next
    /// one if none runs, unless this is asked first.
    public static func takeInterrupt() -> Bool {
        rd_take_sigint() != 0
    }

    /// A descriptor that becomes readable when Ctrl-C is pressed, until ``takeInterrupt()``: a wait for keys that
    /// polls it too misses no Ctrl-C, even one pressed just before the wait began. -1 before ``catchInterrupts()``.
    public static var interruptDescriptor: Int32 { rd_sigint_descriptor() }
}

/// Stops a state's running call from any thread, or its next call if none runs; the call fails with
/// ``LuaError/Kind/interrupted``. Valid while its ``LuaState`` lives.
public struct LuaInterruption: @unchecked Sendable {
    let limits: UnsafeMutablePointer<rd_limits>

    public func interrupt() { rd_interrupt(limits) }
}
