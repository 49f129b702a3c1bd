/// The body of every on/off switch route (`POST …/enabled`, a toolset's `PUT`): `{"enabled": true}`.
struct EnabledRequest: Decodable {
    var enabled: Bool
}
