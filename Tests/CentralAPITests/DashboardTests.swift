import CentralService
import CorridorModel
import Foundation
import HTTPServer
import Mongo
import TestServices
import Testing

/// Renders the dashboard in Debian's headless Chromium against seeded data and checks the DOM.
///
/// The screenshot is kept at `$CORRIDOR_DASHBOARD_SCREENSHOT` (default
/// `/tmp/corridor-dashboard.png`) so a person can look at it.
@Suite(.timeLimit(.minutes(3))) struct DashboardTests {
    static func chromium() throws -> String {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].compactMap { $0 }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestServiceError("chromium not found (looked in \(candidates.joined(separator: ", "))): run scripts/setup.sh to install it")
        }
        return path
    }

    /// Runs headless Chromium on `url`; its stdout (the DOM for `--dump-dom`).
    static func runChromium(_ extra: [String], url: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("out").path
        let p = try ChildProcess(executable: try chromium(), arguments: [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
            "--virtual-time-budget=5000", "--lang=fr-FR",
        ] + (extra.contains { $0.hasPrefix("--window-size=") } ? [] : ["--window-size=1280,1600"]) + extra + [url], environment: ["TZ": "UTC"], logPath: log)
        guard let status = p.wait(timeout: .seconds(90)) else {
            p.kill9()
            throw TestServiceError("chromium did not finish in 90 s")
        }
        let out = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TestServiceError("chromium exited with status \(status): \(out.suffix(2000))") }
        return out
    }

    /// The part of the DOM inside the tile of `station` × `service`.
    static func tile(_ dom: String, _ station: String, _ service: String) -> String? {
        guard let start = dom.range(of: "data-station=\"\(station)\" data-service=\"\(service)\"") else { return nil }
        let rest = dom[start.upperBound...]
        let end = rest.range(of: "</article>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func tilesRenderTheSeededFiguresInHeadlessChromium() throws {
        _ = try Self.chromium()  // fail first, with the setup hint, when it is missing
        try withServingDatabase { client, db in
            let seed = SeedData(now: .now())
            try seed.seed(client, db)
            let api = readOnlyAPI(client, db)
            let server = try HTTPServer(host: "127.0.0.1", port: 0, maxBodyBytes: CentralAPI.maxRequestBodyBytes) { req in
                api.handle(req) ?? .text(404, "not found")
            }
            defer { server.stop() }
            let url = "http://127.0.0.1:\(server.port)/"

            let dom = try Self.runChromium(["--dump-dom"], url: url)
            #expect(dom.contains("Mis à jour à"), "the refresh did not complete: \(dom.suffix(600))")
            #expect(!dom.contains(">null<") && !dom.contains(">null") && !dom.contains("undefined<"), "a missing value was rendered as text")

            let fuel = try #require(Self.tile(dom, SeedData.bko, "fuel"), "no fuel tile for \(SeedData.bko)")
            #expect(fuel.contains(">Carburant<"))
            #expect(fuel.contains("class=\"n-reviews\">14<"))
            #expect(fuel.contains("class=\"p-satisfied\">64&nbsp;%<"))
            #expect(fuel.contains("class=\"p-neutral\">14&nbsp;%<"))
            #expect(fuel.contains("class=\"p-unsatisfied\">21&nbsp;%<"))
            #expect(fuel.contains("class=\"score\">+0,25<"))
            #expect(fuel.contains("Attente (4)"))
            #expect(fuel.contains("Accueil (2)"))
            #expect(fuel.contains("<svg class=\"trend\""))

            let shop = try #require(Self.tile(dom, SeedData.bko, "shop"))
            #expect(shop.contains(">Boutique &amp; restauration<"))
            #expect(shop.contains("class=\"badge\""))
            #expect(shop.contains("1 alerte"))
            #expect(shop.contains("class=\"p-unsatisfied\">60&nbsp;%<"))
            #expect(shop.contains("Propreté (3)"))

            let wash = try #require(Self.tile(dom, SeedData.bko, "wash"))
            #expect(wash.contains("Aucun avis sur 24 h"))
            let gas = try #require(Self.tile(dom, SeedData.kay, "gas"))
            #expect(gas.contains("class=\"n-reviews\">2<"))

            #expect(dom.contains(">En ligne<"))
            #expect(dom.contains(">Hors ligne<"))
            #expect(dom.contains("Station ML-KAY-002 silencieuse depuis 3 h"))
            #expect(dom.contains("En attente d'envoi : 340"))
            #expect(dom.contains("id=\"sum-alerts\">2<"))
            // Recent reviews with sentiment and evidence words.
            #expect(dom.contains("Attente trop longue à la pompe, personne pour servir"))
            #expect(dom.contains("class=\"chip unsatisfied\">Mécontent<"))
            #expect(dom.contains("class=\"w\">trop longue<"))

            let shot = ProcessInfo.processInfo.environment["CORRIDOR_DASHBOARD_SCREENSHOT"] ?? "/tmp/corridor-dashboard.png"
            try? FileManager.default.removeItem(atPath: shot)
            _ = try Self.runChromium(["--screenshot=\(shot)"], url: url)
            let size = (try FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
            #expect(size > 20_000, "screenshot at \(shot) is only \(size) bytes")
            // A tablet held upright (the station manager's device).
            let tablet = shot.replacingOccurrences(of: ".png", with: "-tablet.png")
            _ = try Self.runChromium(["--screenshot=\(tablet)", "--window-size=800,1280"], url: url)
            #expect(FileManager.default.fileExists(atPath: tablet))
        }
    }
}
