/// Which fields hold personal data, and how they are masked when the dashboard is shared
/// with a customer (`--redact`, or the `p` key).
public enum PersonalData {
    public enum Kind: Sendable {
        case idNumber, name, birthDate, phone, address, email
    }

    /// The kind of personal data a field holds, judged by its name (`IDNumber`,
    /// `directors[0].id_number`, `FullName`, `DOB`, `phone_number`, `Address`…).
    public static func kind(ofField path: String) -> Kind? {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        let name = last.split(separator: "[").first.map(String.init)?.lowercased().filter { $0.isLetter } ?? ""
        switch name {
        case "idnumber", "secondaryidnumber", "registrationnumber", "taxid", "bvn", "nin", "accountnumber": return .idNumber
        case "fullname", "firstname", "lastname", "middlename", "othernames", "surname", "name", "legalname", "nameonid": return .name
        case "dob", "dateofbirth", "birthdate", "yearofbirth": return .birthDate
        case "phonenumber", "phone", "phonenumber2", "mobile", "msisdn": return .phone
        case "address", "fulladdress", "residentialaddress", "streetaddress": return .address
        case "email", "emailaddress": return .email
        default: return nil
        }
    }

    /// The masked form of a value.
    public static func mask(_ value: String, as kind: Kind) -> String {
        switch kind {
        case .idNumber, .phone:
            let characters = Array(value)
            let keep = characters.count > 6 ? 3 : 0
            return String(
                characters.enumerated().map { index, character in
                    index >= characters.count - keep || !(character.isLetter || character.isNumber) ? character : "*"
                })
        case .name:
            let initials = value.split(separator: " ").compactMap(\.first).map { "\($0)." }
            return initials.isEmpty ? "***" : initials.joined(separator: " ")
        case .birthDate: return "****-**-**"
        case .address, .email: return "[redacted]"
        }
    }
}
