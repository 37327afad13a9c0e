import Foundation
import Inputs

/// One input of a report before anything is read: its method's job for it, where it stands in the report, and
/// the file stem its figures, data and page are written under.
struct PlannedInput: Sendable {
    /// Position among all inputs of the request (the methods in registry order, each in config order): the order
    /// of the overview and `summary.json`, and what `--shard` partitions.
    var position: Int
    var job: any MethodJob
    var method: any DetectionMethod.Type
    /// The name the input goes by before it is read (the file's own name field may refine it later).
    var provisionalName: String
    /// What the method shares between the inputs of one job (the run files of a ROOT pattern).
    var shared: (any Sendable)?
    /// Unique among *all* inputs of the request, not only a shard's, so sharded and unsharded runs write the
    /// same file names.
    var stem: String
    /// The comparison group the input belongs to, when its job planned several inputs to be compared side by
    /// side, and the group's other members (`ComparisonRole`).
    var comparison: InputComparison? = nil
    var comparedWith: [ComparedInput] = []

    var origin: String? { job.origin }
}

enum InputPlan {
    /// Every input of the request in report order, with unique sanitised file stems. A job that monitors several
    /// inputs (a ROOT `histograms` pattern) is expanded by its method, so positions — and `--shard` — are fixed
    /// before any histogram is read. The inputs this process computes are claimed.
    static func plan(_ request: ReportRequest) throws -> [PlannedInput] {
        let progress = Progress(quiet: request.quiet)
        var inputs: [PlannedInput] = []
        var roles: [[Int: ComparisonRole]] = []
        var stemNames: [String] = []
        for method in MethodRegistry.all {
            for job in request.inputs where job.method == method.info.id {
                var jobRoles: [Int: ComparisonRole] = [:]
                for member in try method.plan(job, progress: progress) {
                    if let role = member.comparison { jobRoles[inputs.count] = role }
                    stemNames.append(stemName(member))
                    let input = PlannedInput(position: inputs.count, job: member.job, method: method,
                                             provisionalName: member.provisionalName, shared: member.shared, stem: "")
                    if request.shard?.owns(input.position) ?? true { method.claim(input) }
                    inputs.append(input)
                }
                if !jobRoles.isEmpty { roles.append(jobRoles) }
            }
        }
        let stems = uniqueFileStems(stemNames.map { sanitizedFileStem($0) })
        for i in inputs.indices { inputs[i].stem = stems[i] }
        for jobRoles in roles { resolveComparisons(&inputs, roles: jobRoles) }
        return inputs
    }

    /// A name without the data file's extension (`h.csv` → `h`): a default name is the input's file name, whose
    /// extension would only clutter `data/<name>-scores.csv`.
    static func withoutDataExtension(_ name: String) -> String {
        var base = name
        for ext in [".csv", ".json", ".CSV", ".JSON"] where base.hasSuffix(ext) && base.count > ext.count {
            base.removeLast(ext.count)
        }
        return base
    }

    /// The name a member's file stem is made from: its name, except that a compared member named after its
    /// subject (`h.csv · DINAMO-ML` for the subject `h.csv`) drops the subject's extension there too
    /// (`h-DINAMO-ML`, beside `h`), as a member that is the subject does.
    static func stemName(_ member: PlannedMember) -> String {
        let name = member.provisionalName
        guard let subject = member.comparison?.subject, name.hasPrefix(subject) else { return withoutDataExtension(name) }
        return withoutDataExtension(subject) + name.dropFirst(subject.count)
    }
}
