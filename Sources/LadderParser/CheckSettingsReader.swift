import LadderModel

/// Reads `checks:` from framework.yml. Each entry is `id: off`, `id: warning`/`error`, or a
/// mapping with `enabled`, `severity` and the check's own thresholds (numbers or word lists).
/// Which ids and options exist is the health report's business; here only the shapes are checked.
enum CheckSettingsReader {
    static func read(_ node: YAMLNode, fields: YAMLFields, diagnostics: inout [Diagnostic]) -> [String: CheckSetting] {
        guard let mapping = node.mapping else {
            diagnostics.append(.error(
                "wrong-type", "'checks' must map check ids to settings, not \(YAMLFields.describe(node))", at: fields.location(of: node)))
            return [:]
        }
        var settings: [String: CheckSetting] = [:]
        for (key, value) in mapping {
            let id = key.scalar?.string ?? ""
            var setting = CheckSetting(location: fields.location(of: key))
            if let scalar = value.scalar {
                switch scalar.string.lowercased() {
                case "off", "false", "no": setting.enabled = false
                case "on", "true", "yes": break
                case "warning": setting.severity = .warning
                case "error": setting.severity = .error
                default:
                    diagnostics.append(.error(
                        "wrong-type", "check '\(id)' must be off, on, warning, error or a mapping, not '\(scalar.string)'",
                        at: fields.location(of: value)))
                    continue
                }
            } else if let options = value.mapping {
                for (optionKey, optionValue) in options {
                    let name = optionKey.scalar?.string ?? ""
                    let optionLocation = fields.location(of: optionKey)
                    switch (name, optionValue) {
                    case ("enabled", _):
                        guard let enabled = optionValue.bool else {
                            diagnostics.append(.error("wrong-type", "'checks.\(id).enabled' must be true or false", at: fields.location(of: optionValue)))
                            continue
                        }
                        setting.enabled = enabled
                    case ("severity", _):
                        switch optionValue.scalar?.string.lowercased() {
                        case "warning": setting.severity = .warning
                        case "error": setting.severity = .error
                        default:
                            diagnostics.append(.error("wrong-type", "'checks.\(id).severity' must be warning or error", at: fields.location(of: optionValue)))
                        }
                    case (_, .scalar(let scalar, _)):
                        guard let number = Double(scalar.string) else {
                            diagnostics.append(.error(
                                "wrong-type", "'checks.\(id).\(name)' must be a number or a list of words, not '\(scalar.string)'",
                                at: fields.location(of: optionValue)))
                            continue
                        }
                        setting.options[name] = .number(number)
                        setting.optionLocations[name] = optionLocation
                    case (_, .sequence(let items, _)):
                        setting.options[name] = .words(items.compactMap { $0.scalar?.string })
                        setting.optionLocations[name] = optionLocation
                    default:
                        diagnostics.append(.error(
                            "wrong-type", "'checks.\(id).\(name)' must be a number or a list of words", at: fields.location(of: optionValue)))
                    }
                }
            } else {
                diagnostics.append(.error(
                    "wrong-type", "check '\(id)' must be off, on, warning, error or a mapping", at: fields.location(of: value)))
                continue
            }
            settings[id] = setting
        }
        return settings
    }
}
