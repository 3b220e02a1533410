#pragma once
// e^x over an array, the same numbers as Eigen's vectorised exp() bit for bit, faster.
//
// Eigen 3.4 computes exp(g) on [−ln2/2, ln2/2] by a rational approximation and then scales by
// 2^n with a general ldexp that splits n in four factors to survive any n (its own source
// notes "replace pldexp with faster implementation"). Where n is a normal exponent, as it is
// for every |x| < 700, scaling by 2^n is one exact multiplication, so building 2^n from its
// bits gives the same result with a third less work. Packets with a larger |x| (or NaN) go
// through Eigen itself, and the elements Eigen leaves to std::exp (before the first 32-byte
// boundary, after the last whole packet) go to std::exp here too. Used only with Eigen 3.4.0
// and AVX2 without AVX-512 (else it is Eigen's exp()). tst_vector_exp compares the two on
// 5·2^20 values at four alignments, at the edges, and for every length up to 40.
namespace plab {

/// out[i] = e^{in[i]} for i < n; `in` and `out` may be the same array.
void vectorExp(const double* in, double* out, int n);

} // namespace plab
