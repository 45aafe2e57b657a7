/// `checks:` in framework.yml, as written: which checks are on, their severity and thresholds.
/// The health checks read it; they also report settings that name no check.
public struct CheckSetting: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case number(Double)
        case words([String])
    }

    public var enabled: Bool
    public var severity: Diagnostic.Severity?
    public var options: [String: Value]
    public var location: SourceLocation
    public var optionLocations: [String: SourceLocation]

    public init(
        enabled: Bool = true, severity: Diagnostic.Severity? = nil, options: [String: Value] = [:],
        location: SourceLocation, optionLocations: [String: SourceLocation] = [:]
    ) {
        self.enabled = enabled
        self.severity = severity
        self.options = options
        self.location = location
        self.optionLocations = optionLocations
    }

    public func number(_ name: String) -> Double? {
        if case .number(let value)? = options[name] { return value }
        return nil
    }

    public func words(_ name: String) -> [String]? {
        if case .words(let value)? = options[name] { return value }
        return nil
    }
}
