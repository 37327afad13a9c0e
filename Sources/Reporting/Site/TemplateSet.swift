import Foundation
import Inputs
import Mustache

/// The report's templates: the defaults compiled into the binary from `templates/`, or a user's own
/// copies (`--templates DIR`), file by file — a directory may override only `style.css`.
public struct TemplateSet: Sendable {
    public static let requiredFiles = ["index.mustache", "input.mustache", "section.mustache", "figure.mustache",
                                       "map.mustache", "run.mustache", "runs.mustache", "style.css"]
    /// Each method's how-to, `howto-<method id>.mustache` (optional: a method without one shows none).
    static var howtoFiles: [String] { MethodRegistry.all.map { howtoName($0.info.id) + ".mustache" } }
    static func howtoName(_ method: MethodID) -> String { "howto-\(method.rawValue)" }
    private var texts: [String: String]

    /// The built-in templates.
    public static var builtIn: TemplateSet {
        var texts: [String: String] = [:]
        for (name, bytes) in EmbeddedTemplates.files {
            texts[name] = String(decoding: bytes, as: UTF8.self)
        }
        return TemplateSet(texts: texts)
    }

    /// The built-in templates overridden by the files present in `directory`.
    public static func overridden(by directory: URL) throws -> TemplateSet {
        var set = builtIn
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.usage("--templates \(directory.path): no such directory")
        }
        var found = false
        for name in requiredFiles + howtoFiles {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                throw ReportError.input("\(url.path): cannot read the template as UTF-8 text")
            }
            set.texts[name] = text
            found = true
        }
        guard found else {
            throw ReportError.usage("--templates \(directory.path): none of \(requiredFiles.joined(separator: ", ")) found")
        }
        return set
    }

    private init(texts: [String: String]) { self.texts = texts }

    public var stylesheet: String { texts["style.css"] ?? "" }

    /// The templates as one Mustache library (partials `section`, `figure` and `map` included). Syntax errors are
    /// input errors naming the template. Built once per set and shared: it is immutable after registration.
    private func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        let howtos = MethodRegistry.all.map { Self.howtoName($0.info.id) }.filter { texts["\($0).mustache"] != nil }
        for name in ["index", "input", "section", "figure", "map", "run", "runs"] + howtos {
            guard let text = texts["\(name).mustache"] else {
                throw ReportError.internal("template \(name).mustache is missing")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportError.input("template \(name).mustache: \(error)")
            }
        }
        return library
    }

    private func render(_ object: Any, template: String) throws -> String {
        guard let html = try library().render(object, withTemplate: template) else {
            throw ReportError.internal("template \(template).mustache could not be rendered")
        }
        return html
    }

    /// The overview, `index.html`.
    public func renderOverview(_ page: OverviewPage) throws -> String {
        var page = page
        page.css = stylesheet
        return try render(page, template: "index")
    }

    /// The page of one input, `inputs/<stem>.html`.
    public func renderInputPage(_ page: InputPageView) throws -> String {
        var page = try withHowto(page)
        page.css = stylesheet
        return try render(page, template: "input")
    }

    /// One input's section alone, for a self-contained overview.
    public func renderSection(_ page: InputPageView) throws -> String {
        try render(try withHowto(page), template: "section")
    }

    /// The page of one flagged run, `runs/<run>.html`.
    func renderRunPage(_ page: RunPageView) throws -> String {
        var page = page
        page.css = stylesheet
        return try render(page, template: "run")
    }

    /// The index of flagged runs, `runs/index.html`.
    func renderRunIndex(_ page: RunIndexView) throws -> String {
        var page = page
        page.css = stylesheet
        return try render(page, template: "runs")
    }

    /// The page with its method's how-to rendered into the section (none when the method has no template).
    private func withHowto(_ page: InputPageView) throws -> InputPageView {
        var page = page
        let name = Self.howtoName(MethodID(page.section.method))
        if texts["\(name).mustache"] != nil {
            var html = try render(page.section, template: name)
            while html.last?.isNewline == true { html.removeLast() }
            page.section.howto = html
        }
        return page
    }

    /// Checks that every template parses (before any input is computed).
    public func validate() throws { _ = try library() }
}
