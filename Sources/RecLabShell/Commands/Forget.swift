import Foundation
import RecLab

extension Verbs {
    /// `forget PERSON`: a person no longer loaded, their file kept aside.
    static let forget = Verb(
        name: "forget", group: .people,
        summary: "remove a person: their file is moved aside (into people/forgotten/), not deleted",
        forms: ["forget PERSON"],
        example: "forget Me                # a person made by a typo",
        notes: """
            Nothing is deleted: the person's file is moved into the people folder's
            forgotten/ folder, and moving it back brings them back at the next start.
            """,
        gives: .text
    ) { call in
        let usage = call.usage
        let name = try personName(&call, usage: usage)
        try call.arguments.expectEnd(usage: usage)
        guard let person = call.session.people[name.text] else { throw unknownPerson(name, call.session) }
        let kept: URL?
        do throws(RecLabError) {
            kept = try call.session.peopleStore?.moveAside(name.text)
        } catch {
            throw ShellError(error.message, at: name)
        }
        call.session.people[name.text] = nil
        let what = person.damage == nil ? " (\(NumberFormatting.counted(person.ratings.count, "rating")))" : ""
        guard let kept, let store = call.session.peopleStore else {
            return .text("forgot \(name.text)\(what)")
        }
        return .text("forgot \(name.text)\(what); the file is kept as \(UserPath.abbreviated(kept.path)): "
                     + "move it back into \(UserPath.abbreviated(store.folder.path)) to bring \(name.text) back")
    }
}
