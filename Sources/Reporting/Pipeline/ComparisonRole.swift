/// What a method says, when it plans a job, about inputs it plans to be compared: the inputs of one job that
/// share a `subject` form a group (`InputComparison`), `member` names each, and the one with `showsComparison`
/// holds the side-by-side page. `InputPlan` turns roles into groups once every input has its position and stem.
struct ComparisonRole: Sendable, Equatable {
    var subject: String
    var member: String
    var showsComparison = false
}

/// Another member of an input's comparison group, as the input's page links to it.
struct ComparedInput: Sendable, Equatable {
    var name: String
    var member: String
    var stem: String
    /// Whether this member's page holds the side-by-side comparison.
    var showsComparison: Bool
}

extension InputPlan {
    /// The comparison of each input planned by one job (`members`, at `inputs[first...]`): groups by subject,
    /// numbered by their first member's position, each member told of the others.
    static func resolveComparisons(_ inputs: inout [PlannedInput], roles: [Int: ComparisonRole]) {
        var groups: [String: [Int]] = [:], order: [String] = []
        for position in roles.keys.sorted() {
            let subject = roles[position]!.subject
            if groups[subject] == nil { order.append(subject) }
            groups[subject, default: []].append(position)
        }
        for subject in order {
            let members = groups[subject]!
            guard members.count > 1 else { continue }
            let host = members.first { roles[$0]!.showsComparison } ?? members[0]
            for position in members {
                let role = roles[position]!
                inputs[position].comparison = InputComparison(
                    group: members[0], subject: subject, member: role.member,
                    page: "inputs/\(inputs[host].stem).html", anchor: "input-\(inputs[host].stem)")
                inputs[position].comparedWith = members.filter { $0 != position }.map { other in
                    ComparedInput(name: inputs[other].provisionalName, member: roles[other]!.member,
                                  stem: inputs[other].stem, showsComparison: other == host)
                }
            }
        }
    }
}
