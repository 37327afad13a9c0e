/// Seeds that follow an input's identity, not its position (docs/methods/mcem.md, Reproducibility).
///
/// A report computes many inputs from one run seed (`--seed`, default 0). Were an input's seed derived from its
/// place in the list, the same file would give other numbers alone, third in a config, or in another shard.
/// Instead every input derives its own seed from the run's seed and a text that names it — MC-EM uses the series'
/// display name — so an input draws the same numbers wherever it stands:
///
/// ```swift
/// let s = SeededGenerator.seed(run: 0, identity: "ec2_cpu_utilization_825cc2.csv")
/// var g = SeededGenerator.stream(seed: s, 0)
/// ```
///
/// The derivation is fixed and uses only 64-bit wrapping arithmetic, so it gives the same seed on every platform
/// and in every Swift release (Swift's own `Hasher` is seeded per process and may change, so it is not used):
///
/// 1. h = FNV-1a, 64 bits, over the identity's UTF-8 bytes as given (no Unicode normalisation): offset basis
///    0xcbf29ce484222325, prime 0x100000001b3 (`fnv1a64`);
/// 2. seed = mix(h ⊕ mix(run + 0x9E3779B97F4A7C15)), where mix is SplitMix64's finaliser
///    (z ⊕= z ≫ 30, z ·= 0xBF58476D1CE4E5B9, z ⊕= z ≫ 27, z ·= 0x94D049BB133111EB, z ⊕= z ≫ 31).
///
/// Mixing the run seed before it meets the hash keeps nearby run seeds (0, 1, 2, …) from pairing up with
/// identities whose hashes differ in their low bits; the final mix spreads every bit of both over the result.
extension SeededGenerator {
    /// The seed of the input named `identity` in a run seeded `run` (see the extension above for the formula).
    public static func seed(run: UInt64, identity: String) -> UInt64 {
        mix(fnv1a64(identity) ^ mix(run &+ 0x9E37_79B9_7F4A_7C15))
    }

    /// FNV-1a, 64 bits, over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// SplitMix64's output function: a bijection of 64-bit words that changes about half the bits for each bit in.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
