/* The forecast's numerics (internal to lib/conflicts; the unit tests call them directly): the
 * features of a country-month, penalised logistic and Poisson regression fitted by Newton's
 * method (IRLS), the Brier score and the ROC AUC. Pure functions: no store, no JSON, no global
 * state, the same result for the same input on every run. docs/internals/forecast.md gives the
 * equations and the reasons. */
#ifndef TANSIQ_CONFLICTS_MODEL_H
#define TANSIQ_CONFLICTS_MODEL_H

#include <stddef.h>

/* Features of a country-month besides the intercept, and coefficients (the intercept first). */
#define FC_NFEAT 6
#define FC_NCOEF (FC_NFEAT + 1)
/* Months of history a training row needs (its month and the 11 before). */
#define FC_HISTORY 12

/* "intercept", then the features in the order fc_features() writes them. */
extern const char *const fc_coef_names[FC_NCOEF];

/* The features at month index t of one country's monthly series f (fatalities) and e (events),
 * indexes 0..t readable; months before index 0 count as zero:
 *   x[0] log1p(f[t])                                   this month
 *   x[1] log1p(mean f[t-2..t])                         the last quarter
 *   x[2] log1p(mean f[t-11..t])                        the last year
 *   x[3] share of t-11..t with f >= threshold          how often the year was a conflict month
 *   x[4] log1p(mean f[t-2..t]) - log1p(mean f[t-5..t-3])   the trend between two quarters
 *   x[5] log1p(e[t])                                   events this month */
void fc_features(const long *f, const long *e, int t, long threshold, double x[FC_NFEAT]);

typedef enum fc_family { FC_LOGISTIC, FC_POISSON } fc_family;

/* Fits a generalised linear model with canonical link by Newton's method with step halving,
 * minimising  sum_i [b(eta_i) - y_i eta_i] + lambda/2 sum_{j>=1} beta_j^2 + FC_LAMBDA0/2 beta_0^2
 * where eta = X beta, b(eta) = log(1 + e^eta) (logistic: y in {0,1}) or e^eta (Poisson: y >= 0).
 * X is n rows of k columns, row-major, column 0 the intercept (all ones); 1 <= k <= FC_NCOEF.
 * beta holds the starting point on entry (zeros will do; a previous fit is a warm start) and
 * the estimate on return. Returns the passes over the data taken (>= 1; a Newton step kept
 * costs one), or -1 when it did not converge within FC_MAX_ITER steps (beta then holds the best
 * point reached), the input is empty or the Hessian is singular. */
int fc_glm_fit(fc_family fam, const double *X, const double *y, size_t n, int k, double lambda, double *beta);
#define FC_LAMBDA0 1e-4
#define FC_MAX_ITER 100

/* The linear predictor beta . x of a row of k columns (x[0] the intercept's 1), and the mean it
 * gives: the logistic function of it, or its exponential (capped at e^30). */
double fc_eta(const double *x, const double *beta, int k);
double fc_mean(fc_family fam, double eta);

/* Column means and standard deviations of columns 1..k-1 of X (n rows of k), then X is
 * standardised in place (column 0 is left alone). A constant column gets sd 1. mean[0] = 0 and
 * sd[0] = 1 so that a raw row is standardised by (x[j] - mean[j]) / sd[j] for every j. */
void fc_standardise(double *X, size_t n, int k, double *mean, double *sd);

/* Mean squared difference between probabilities p and outcomes y (0 or 1); 0 when n is 0. */
double fc_brier(const double *p, const double *y, size_t n);
/* The area under the ROC curve of scores s against outcomes y (0 or 1), as the Mann-Whitney
 * statistic: the probability that a random positive scores above a random negative, ties
 * counting one half. -1 when there is no positive or no negative (undefined), -2 when out of
 * memory. */
double fc_auc(const double *s, const double *y, size_t n);

#endif
