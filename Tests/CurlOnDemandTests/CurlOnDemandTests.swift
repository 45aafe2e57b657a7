import CurlOnDemand
import Testing

/// The stand-ins load libcurl on their first call and pass every call on to it.
@Suite struct CurlOnDemandTests {
    // libcurl's URL parts (CURLUPart in curl/urlapi.h).
    private let wholeURL: Int32 = 0, host: Int32 = 5, path: Int32 = 7

    @Test func firstCallLoadsLibcurlAndCallsArePassedOn() throws {
        #expect(curl_on_demand_loaded() == 0, "nothing has called libcurl yet")
        let version = String(cString: try #require(curl_version()))
        #expect(version.hasPrefix("libcurl/"), "\(version)")
        #expect(curl_on_demand_loaded() == 1)

        let url = try #require(curl_url())
        #expect(curl_url_set(url, wholeURL, "https://example.org/a/../b?q=1", 0) == 0)
        #expect(part(host, of: url) == "example.org")
        #expect(part(path, of: url) == "/b")

        let easy = try #require(curl_easy_init())
        curl_easy_cleanup(easy)
    }

    private func part(_ part: Int32, of url: UnsafeMutableRawPointer) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard curl_url_get(url, part, &text, 0) == 0, let text else { return nil }
        defer { curl_free(text) }
        return String(cString: text)
    }
}
