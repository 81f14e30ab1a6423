// The two LAPACK routines reclab calls, from OpenBLAS (Debian's
// libopenblas-dev), declared with the Fortran calling convention: every
// argument by pointer, and the length of each character argument passed
// last (gfortran's hidden argument, which OpenBLAS's own C versions ignore).
// Declared here rather than through lapacke.h so that only OpenBLAS, which
// carries LAPACK, is needed.
#ifndef RECLAB_LAPACK_H
#define RECLAB_LAPACK_H

#include <stddef.h>

// Cholesky factorisation of a symmetric positive definite matrix.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_length);

// The inverse of a symmetric positive definite matrix from its Cholesky factor.
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_length);

#endif
