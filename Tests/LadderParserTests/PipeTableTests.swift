import Testing

@testable import LadderParser

/// Pipe tables as GitHub reads them (the table section of the GFM spec), rendered by ladder
/// since libcmark has no table extension.
@Suite struct PipeTableTests {
    func html(_ markdown: String) -> String {
        let (framework, _) = parse(["eng/a.md": "# Engineer\n\n\(markdown)\n\n## Craft\n\n- a\n"])
        return framework.tracks.first?.roles.first?.descriptionHTML ?? ""
    }

    @Test func aHeaderADelimiterRowAndBodyRows() {
        #expect(html("| foo | bar |\n| --- | --- |\n| baz | bim |") == """
            <table>
            <thead>
            <tr><th>foo</th><th>bar</th></tr>
            </thead>
            <tbody>
            <tr><td>baz</td><td>bim</td></tr>
            </tbody>
            </table>

            """)
    }

    @Test func alignmentsOuterPipesAndCellWidthsVary() {
        let table = html("| abc | defghi |\n:-: | -----------:\nbar | baz")
        #expect(table.contains("<tr><th>abc</th><th>defghi</th></tr>"))
        #expect(table.contains("<tr><td>bar</td><td>baz</td></tr>"))
    }

    @Test func anEscapedPipeIsPartOfTheCellAndInlinesAreRendered() {
        let table = html("| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |")
        #expect(table.contains("<th>f|oo</th>"))
        #expect(table.contains("<td>b <code>|</code> az</td>"))
        #expect(table.contains("<td>b <strong>|</strong> im</td>"))
    }

    @Test func rowsAreCutOrFilledToTheHeadersWidth() {
        let table = html("| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |")
        #expect(table.contains("<tr><td>bar</td><td></td></tr>"))
        #expect(table.contains("<tr><td>bar</td><td>baz</td></tr>"))
    }

    @Test func theDelimiterRowMustMatchTheHeader() {
        let (framework, _) = parse(["eng/a.md": "# Engineer\n\n| abc | def |\n| --- |\n| bar |\n\n## Craft\n\n- a\n"])
        let role = framework.tracks.first?.roles.first
        #expect(role?.descriptionHTML.contains("<table>") == false)
        #expect(role?.summary?.text.contains("| abc | def |") == true, "a paragraph, as GitHub shows it")
    }

    @Test func aHeaderOnlyTableHasNoBody() {
        #expect(html("| abc | def |\n| --- | --- |") == "<table>\n<thead>\n<tr><th>abc</th><th>def</th></tr>\n</thead>\n</table>\n")
    }

    @Test func cellsAreSafe() {
        let table = html("| <script>x</script> | [a](javascript:alert(1)) |\n| --- | --- |")
        #expect(!table.contains("<script>"))
        #expect(!table.contains("javascript:"))
    }
}
