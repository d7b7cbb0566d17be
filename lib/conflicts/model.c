/* The forecast's numerics (model.h): features, penalised GLMs fitted by Newton's method, the
 * Brier score and the ROC AUC. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

const char *const fc_coef_names[FC_NCOEF] = {
	"intercept", "log_fatalities", "log_mean3", "log_mean12", "share12", "trend", "log_events",
};

static double at(const long *v, int i) { return i >= 0 ? (double)v[i] : 0.0; }

void fc_features(const long *f, const long *e, int t, long threshold, double x[FC_NFEAT])
{
	double m3 = 0, prev3 = 0, m12 = 0, over = 0;

	for (int i = 0; i < 12; i++) {
		double v = at(f, t - i);
		m12 += v;
		if (i < 3)
			m3 += v;
		else if (i < 6)
			prev3 += v;
		if (t - i >= 0 && f[t - i] >= threshold)
			over++;
	}
	m3 /= 3;
	prev3 /= 3;
	m12 /= 12;
	x[0] = log1p(at(f, t));
	x[1] = log1p(m3);
	x[2] = log1p(m12);
	x[3] = over / 12;
	x[4] = log1p(m3) - log1p(prev3);
	x[5] = log1p(at(e, t));
}

double fc_eta(const double *x, const double *beta, int k)
{
	double s = 0;

	for (int j = 0; j < k; j++)
		s += x[j] * beta[j];
	return s;
}

#define ETA_MAX 30.0

double fc_mean(fc_family fam, double eta)
{
	if (fam == FC_POISSON)
		return exp(eta > ETA_MAX ? ETA_MAX : eta);
	return eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta));
}

/* b(eta): the cumulant, log(1 + e^eta) computed without overflow, or e^eta. */
static double cumulant(fc_family fam, double eta)
{
	if (fam == FC_POISSON)
		return exp(eta);
	return eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta));
}

static double penalty(const double *beta, int k, double lambda)
{
	double s = FC_LAMBDA0 * beta[0] * beta[0];

	for (int j = 1; j < k; j++)
		s += lambda * beta[j] * beta[j];
	return s / 2;
}

/* The penalised objective at beta; HUGE_VAL when a Poisson eta runs away (the step is too long). */
static double objective(fc_family fam, const double *X, const double *y, size_t n, int k, double lambda,
			const double *beta)
{
	double s = 0;

	for (size_t i = 0; i < n; i++) {
		double eta = fc_eta(X + i * (size_t)k, beta, k);
		if (fam == FC_POISSON && eta > ETA_MAX)
			return HUGE_VAL;
		s += cumulant(fam, eta) - y[i] * eta;
	}
	return s + penalty(beta, k, lambda);
}

/* Solves H d = g for the symmetric positive definite H (k x k, lower triangle used) by
 * Cholesky; -1 when H is not positive definite. */
static int solve(double H[FC_NCOEF][FC_NCOEF], const double *g, double *d, int k)
{
	double L[FC_NCOEF][FC_NCOEF] = {{0}}, z[FC_NCOEF];

	for (int i = 0; i < k; i++)
		for (int j = 0; j <= i; j++) {
			double s = H[i][j];
			for (int m = 0; m < j; m++)
				s -= L[i][m] * L[j][m];
			if (i == j) {
				if (!(s > 0))
					return -1;
				L[i][i] = sqrt(s);
			} else {
				L[i][j] = s / L[j][j];
			}
		}
	for (int i = 0; i < k; i++) {
		double s = g[i];
		for (int m = 0; m < i; m++)
			s -= L[i][m] * z[m];
		z[i] = s / L[i][i];
	}
	for (int i = k - 1; i >= 0; i--) {
		double s = z[i];
		for (int m = i + 1; m < k; m++)
			s -= L[m][i] * d[m];
		d[i] = s / L[i][i];
	}
	return 0;
}

int fc_glm_fit(fc_family fam, const double *X, const double *y, size_t n, int k, double lambda, double *beta)
{
	double cur;

	if (n == 0 || k < 1 || k > FC_NCOEF)
		return -1;
	if (fam == FC_POISSON) {
		/* a start where exp(eta) cannot overflow: the intercept at the log of the mean */
		double mean = 0;
		int zero = 1;
		for (size_t i = 0; i < n; i++)
			mean += y[i];
		mean /= (double)n;
		for (int j = 0; j < k; j++)
			zero &= beta[j] == 0;
		if (zero)
			beta[0] = log(mean > 1e-3 ? mean : 1e-3);
	}
	cur = objective(fam, X, y, n, k, lambda, beta);
	if (cur == HUGE_VAL) {
		memset(beta, 0, (size_t)k * sizeof(*beta));
		cur = objective(fam, X, y, n, k, lambda, beta);
	}
	for (int it = 1; it <= FC_MAX_ITER; it++) {
		double H[FC_NCOEF][FC_NCOEF] = {{0}}, g[FC_NCOEF] = {0}, d[FC_NCOEF], next[FC_NCOEF], step = 1, val = cur,
		       moved = 0;
		/* gradient X'(mu - y) + penalty, Hessian X'WX + penalty, W = b''(eta) */
		for (size_t i = 0; i < n; i++) {
			const double *x = X + i * (size_t)k;
			double mu = fc_mean(fam, fc_eta(x, beta, k));
			double w = fam == FC_POISSON ? mu : mu * (1 - mu), r = mu - y[i];
			for (int a = 0; a < k; a++) {
				double wa = w * x[a];
				g[a] += r * x[a];
				for (int b = 0; b <= a; b++)
					H[a][b] += wa * x[b];
			}
		}
		g[0] += FC_LAMBDA0 * beta[0];
		H[0][0] += FC_LAMBDA0;
		for (int j = 1; j < k; j++) {
			g[j] += lambda * beta[j];
			H[j][j] += lambda;
		}
		if (solve(H, g, d, k))
			return -1;
		/* the Newton step, halved until the objective does not increase */
		for (int half = 0; half < 40; half++, step /= 2) {
			for (int j = 0; j < k; j++)
				next[j] = beta[j] - step * d[j];
			val = objective(fam, X, y, n, k, lambda, next);
			if (val <= cur)
				break;
		}
		if (!(val <= cur))
			return it; /* no step lowers it: at the minimum within rounding */
		for (int j = 0; j < k; j++) {
			double m = fabs(next[j] - beta[j]);
			if (m > moved)
				moved = m;
			beta[j] = next[j];
		}
		if (moved < 1e-8 || cur - val <= 1e-12 * (fabs(cur) + 1)) {
			return it;
		}
		cur = val;
	}
	return -1;
}

void fc_standardise(double *X, size_t n, int k, double *mean, double *sd)
{
	mean[0] = 0;
	sd[0] = 1;
	for (int j = 1; j < k; j++) {
		double m = 0, v = 0;
		for (size_t i = 0; i < n; i++)
			m += X[i * (size_t)k + (size_t)j];
		m = n ? m / (double)n : 0;
		for (size_t i = 0; i < n; i++) {
			double dv = X[i * (size_t)k + (size_t)j] - m;
			v += dv * dv;
		}
		v = n > 1 ? sqrt(v / (double)(n - 1)) : 0;
		mean[j] = m;
		sd[j] = v > 1e-12 ? v : 1;
		for (size_t i = 0; i < n; i++)
			X[i * (size_t)k + (size_t)j] = (X[i * (size_t)k + (size_t)j] - m) / sd[j];
	}
}

double fc_brier(const double *p, const double *y, size_t n)
{
	double s = 0;

	for (size_t i = 0; i < n; i++)
		s += (p[i] - y[i]) * (p[i] - y[i]);
	return n ? s / (double)n : 0;
}

struct scored {
	double s;
	int y;
};

static int by_score(const void *a, const void *b)
{
	double x = ((const struct scored *)a)->s, z = ((const struct scored *)b)->s;
	return x < z ? -1 : x > z;
}

double fc_auc(const double *s, const double *y, size_t n)
{
	struct scored *v = malloc((n ? n : 1) * sizeof(*v));
	double pos = 0, neg = 0, ranks = 0;

	if (!v)
		return -2;
	for (size_t i = 0; i < n; i++) {
		v[i] = (struct scored){s[i], y[i] > 0.5};
		if (v[i].y)
			pos++;
		else
			neg++;
	}
	if (pos == 0 || neg == 0) {
		free(v);
		return -1;
	}
	qsort(v, n, sizeof(*v), by_score);
	/* ranks 1..n, a group of ties sharing the mean of its ranks */
	for (size_t i = 0; i < n;) {
		size_t j = i;
		double r, npos = 0;
		while (j < n && v[j].s == v[i].s)
			npos += v[j++].y;
		r = ((double)(i + 1) + (double)j) / 2;
		ranks += r * npos;
		i = j;
	}
	free(v);
	return (ranks - pos * (pos + 1) / 2) / (pos * neg);
}
