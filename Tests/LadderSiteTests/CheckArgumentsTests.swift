import Testing

@testable import ladder

/// `ladder check` reads its plain arguments without ArgumentParser; both must mean the same.
@Suite struct CheckArgumentsTests {
    @Test(arguments: [
        ["check"],
        ["check", "--content", "x"],
        ["check", "--content=x", "--format", "json", "--strict"],
        ["check", "--drafts", "--format=github", "--content", "a folder"],
        ["check", "--strict", "--content", "x", "--drafts", "--format", "text"],
    ])
    func quickReadingMeansWhatArgumentParserReads(_ arguments: [String]) throws {
        let quick = try #require(CheckRequest(plainArguments: arguments[...]))
        let parsed = try CheckCommand.parse(Array(arguments.dropFirst()))
        #expect(quick == CheckRequest(parsed))
    }

    @Test(arguments: [
        ["check", "--help"], ["check", "-h"], ["check", "--format", "yaml"], ["check", "--content"],
        ["check", "--content", "--strict"], ["check", "--strict", "--strict"], ["check", "--strict=yes"],
        ["check", "extra"], ["build"], ["check", "--content", "a", "--content", "b"], ["check", "--"],
        ["check", "--content="],
    ])
    func anythingElseIsLeftToArgumentParser(_ arguments: [String]) {
        #expect(CheckRequest(plainArguments: arguments[...]) == nil)
    }
}
