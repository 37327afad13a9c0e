#if AVX2
import _Builtin_intrinsics.intel
#endif

/// Eight vectors of eight floats, the rows (or columns) of an 8 × 8 tile.
typealias Tile = (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes)

/// The transpose of an 8 × 8 tile held as eight row vectors: column j of the result is (r0[j], r1[j], …, r7[j]).
///
/// Built with `-DAVX2` (the Makefile's release flags on AVX2 machines, beside `-target-cpu haswell`) it is the
/// classic 24-shuffle network: interleave neighbouring rows' floats (unpack), then their float pairs, then swap
/// 128-bit halves. Written lane by lane instead, the compiler folded the shuffles back into the loads as one
/// broadcast and blend per element, about 100 instructions a tile against 40; that lane-by-lane form remains the
/// portable build's.
@inline(__always)
func transposed(_ t: Tile) -> Tile {
    #if AVX2
    let a0 = _mm256_unpacklo_ps(t.0, t.1), a1 = _mm256_unpackhi_ps(t.0, t.1)
    let a2 = _mm256_unpacklo_ps(t.2, t.3), a3 = _mm256_unpackhi_ps(t.2, t.3)
    let a4 = _mm256_unpacklo_ps(t.4, t.5), a5 = _mm256_unpackhi_ps(t.4, t.5)
    let a6 = _mm256_unpacklo_ps(t.6, t.7), a7 = _mm256_unpackhi_ps(t.6, t.7)
    @inline(__always) func pairsLow(_ x: Lanes, _ y: Lanes) -> Lanes {
        _mm256_castpd_ps(_mm256_unpacklo_pd(_mm256_castps_pd(x), _mm256_castps_pd(y)))
    }
    @inline(__always) func pairsHigh(_ x: Lanes, _ y: Lanes) -> Lanes {
        _mm256_castpd_ps(_mm256_unpackhi_pd(_mm256_castps_pd(x), _mm256_castps_pd(y)))
    }
    let b0 = pairsLow(a0, a2), b1 = pairsHigh(a0, a2), b2 = pairsLow(a1, a3), b3 = pairsHigh(a1, a3)
    let b4 = pairsLow(a4, a6), b5 = pairsHigh(a4, a6), b6 = pairsLow(a5, a7), b7 = pairsHigh(a5, a7)
    @inline(__always) func lows(_ x: Lanes, _ y: Lanes) -> Lanes { Lanes(lowHalf: x.lowHalf, highHalf: y.lowHalf) }
    @inline(__always) func highs(_ x: Lanes, _ y: Lanes) -> Lanes { Lanes(lowHalf: x.highHalf, highHalf: y.highHalf) }
    return (lows(b0, b4), lows(b1, b5), lows(b2, b6), lows(b3, b7),
            highs(b0, b4), highs(b1, b5), highs(b2, b6), highs(b3, b7))
    #else
    @inline(__always) func column(_ j: Int) -> Lanes {
        Lanes(t.0[j], t.1[j], t.2[j], t.3[j], t.4[j], t.5[j], t.6[j], t.7[j])
    }
    return (column(0), column(1), column(2), column(3), column(4), column(5), column(6), column(7))
    #endif
}
