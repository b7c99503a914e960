import Foundation
import Testing

/// A point in time a test helper waits until, at most. Every wait in the test helpers has one,
/// and running out of time is a failure, never a silent return.
public struct Deadline: Sendable {
    public let seconds: Double
    let end: Date

    public init(seconds: Double) {
        self.seconds = seconds
        end = Date().addingTimeInterval(seconds)
    }

    public var passed: Bool { Date() >= end }

    /// Milliseconds left (0 once passed), for `poll(2)`.
    var millisecondsLeft: Int32 { Int32(max(0, min(Double(Int32.max), end.timeIntervalSinceNow * 1000)).rounded(.up)) }
}

/// A wait that ran out of time; the message says what was awaited and what was seen last.
public struct TimeoutError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Records `message` as a failure at the caller's line and throws, so the test stops there and
/// the failure is reported once (a thrown `#require` failure is not recorded again).
func fail(_ message: String, sourceLocation: SourceLocation) throws -> Never {
    let inTime = false
    try #require(inTime, Comment(rawValue: message), sourceLocation: sourceLocation)
    throw TimeoutError(message)
}
