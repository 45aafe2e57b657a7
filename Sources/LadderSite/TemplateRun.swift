import Foundation
import Mustache

/// A name in a template tag, split when the templates were compiled.
enum TemplateKey: Sendable {
    /// `{{.}}`: the current object.
    case current
    /// `{{title}}`: looked up from the current object outwards.
    case name(String)
    /// `{{role.title}}`: the first part looked up outwards, the rest inside what it found.
    case path([String])
    /// `{{.title}}`: looked up in the current object only.
    case inCurrent([String])
}

/// One rendering of a compiled built-in template (`CompiledTemplates`, made from templates/ by
/// the EmbedTemplates plugin): the context stack and the text written so far. Each method does
/// what swift-mustache 2.1.1 does for the same tag (`Template+Render.swift`), so that a page
/// is the same byte for byte whichever renders it; `CompiledTemplateTests` checks every page.
///
/// What the library spends its time on and this does not: about ten protocol-conformance
/// casts for each tag, a String for each section, and escaping a Character at a time.
/// View models hold no lambdas or `MustacheTemplate`s, the two kinds of value left out here.
struct TemplateRun {
    typealias Block = (inout TemplateRun) -> Void

    private enum Frame {
        /// A dictionary (looked up without a cast), and the object as it was given: `{{.}}`
        /// writes that one, as a `[String: String]` converted would list its keys in another order.
        case dictionary([String: Any], Any)
        case other(Any)
    }

    private(set) var output = ""
    private var stack: [Frame] = []
    /// `{{$block}}` overrides of the parents being rendered, by block name.
    private var blocks: [String: Block] = [:]

    init(_ object: Any) { push(object) }

    mutating func text(_ text: String) { output += text }

    mutating func escaped(_ key: TemplateKey) {
        guard let value = value(key) else { return }
        appendEscaped(value as? String ?? Self.describe(value))
    }

    mutating func unescaped(_ key: TemplateKey) {
        guard let value = value(key) else { return }
        output += value as? String ?? Self.describe(value)
    }

    /// `{{#key}}…{{/key}}`: once for each item of a list, once if true or a value, else not at all.
    mutating func section(_ key: TemplateKey, _ body: Block) {
        let value = value(key)
        // The kinds view models hold, tested by their exact type first: the cases below test
        // conformances to the library's protocols, which cost far more.
        if let list = value as? [[String: Any]] {
            for item in list { within(.dictionary(item, item), body) }
            return
        }
        if let flag = value as? Bool {
            if flag { body(&self) }
            return
        }
        if let dictionary = value as? [String: Any] {
            within(.dictionary(dictionary, value!), body)
            return
        }
        if let text = value as? String {
            within(.other(text), body)
            return
        }
        switch value {
        case let sequence as any MustacheSequence:
            for item in Self.items(of: sequence) { within(Self.frame(item), body) }
        case let flag as Bool:
            if flag { body(&self) }
        case let null as MustacheCustomRenderable where null.isNull:
            return
        case .some(let value):
            within(Self.frame(value), body)
        case .none:
            return
        }
    }

    /// `{{^key}}…{{/key}}`: once if the value is missing, false, null or an empty list.
    mutating func invertedSection(_ key: TemplateKey, _ body: Block) {
        let value = value(key)
        if let flag = value as? Bool {
            if !flag { body(&self) }
            return
        }
        if value is String || value is [String: Any] { return }
        switch value {
        case let sequence as any MustacheSequence:
            if Self.items(of: sequence).isEmpty { within(.other(sequence), body) }
        case let flag as Bool:
            if !flag { body(&self) }
        case let null as MustacheCustomRenderable where null.isNull:
            body(&self)
        case .some:
            return
        case .none:
            body(&self)
        }
    }

    /// `{{<parent}}{{$name}}…{{/name}}{{/parent}}`: the parent rendered with these blocks, where
    /// a block already overridden further out keeps that override.
    mutating func inheriting(_ overrides: [String: Block], _ parent: Block) {
        let outer = blocks
        blocks.merge(overrides) { outerBlock, _ in outerBlock }
        parent(&self)
        blocks = outer
    }

    /// `{{$name}}default{{/name}}` in a parent: the override, or the default.
    mutating func block(_ name: String, _ defaultBody: Block) {
        if let override = blocks[name] { override(&self) } else { defaultBody(&self) }
    }

    private mutating func within(_ frame: Frame, _ body: Block) {
        stack.append(frame)
        body(&self)
        stack.removeLast()
    }

    private mutating func push(_ object: Any) { stack.append(Self.frame(object)) }

    private static func frame(_ object: Any) -> Frame {
        if let dictionary = object as? [String: Any] { return .dictionary(dictionary, object) }
        return .other(object)
    }

    private static func items(of sequence: some Sequence) -> [Any] { sequence.map { $0 as Any } }

    // MARK: Looking names up

    private func value(_ key: TemplateKey) -> Any? {
        let found: Any?
        switch key {
        case .current: found = Self.object(stack.last!)
        case .name(let name): found = outwards(name, then: [])
        case .path(let names): found = outwards(names[0], then: names.dropFirst())
        case .inCurrent(let names): found = Self.descend(names[...], from: Self.object(stack.last!))
        }
        guard let found else { return nil }
        // Only NSNull has a custom representation among what view models hold; the common
        // kinds are known by their exact type, without the conformance test.
        if found is String || found is Bool || found is [[String: Any]] || found is [String: Any] { return found }
        if let custom = found as? MustacheCustomRepresentation { return custom.representation }
        return found
    }

    /// The first object, from the innermost out, that has `name`; then `rest` inside what it has.
    private func outwards(_ name: String, then rest: ArraySlice<String>) -> Any? {
        for frame in stack.reversed() {
            if let child = Self.child(name, of: frame) { return Self.descend(rest, from: child) }
        }
        return nil
    }

    private static func descend(_ names: ArraySlice<String>, from object: Any) -> Any? {
        var object = object
        for name in names {
            guard let child = child(name, of: frame(object)) else { return nil }
            object = child
        }
        return object
    }

    private static func object(_ frame: Frame) -> Any {
        switch frame {
        case .dictionary(_, let object), .other(let object): object
        }
    }

    private static func child(_ name: String, of frame: Frame) -> Any? {
        switch frame {
        case .dictionary(let dictionary, _):
            return dictionary[name]
        case .other(let object):
            let represented: Any? = (object as? MustacheCustomRepresentation).map(\.representation) ?? object
            if let parent = represented as? MustacheParent { return parent.child(named: name) }
            guard let represented, let match = Mirror(reflecting: represented).children.first(where: { $0.label == name }) else {
                return nil
            }
            return unwrappedOptional(match.value)
        }
    }

    // MARK: Text

    /// A value other than a String as the library writes it.
    private static func describe(_ value: Any) -> String {
        if let renderable = value as? MustacheCustomRenderable { return renderable.renderText }
        return String(describing: unwrappedOptional(value) ?? value)
    }

    private static func unwrappedOptional(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    private static let escapes: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]

    /// HTML escaping as the library does it, Character by Character, when there is anything to
    /// escape: most text has none, which one pass over its bytes tells.
    private mutating func appendEscaped(_ text: String) {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            output += text
            return
        }
        for character in text {
            if let escape = Self.escapes[character] { output += escape } else { output.append(character) }
        }
    }
}
