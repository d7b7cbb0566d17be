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

static double penalty(const double *beta, int k, double lambda)
{
	double s = FC_LAMBDA0 * beta[0] * beta[0];

	for (int j = 1; j < k; j++)
		s += lambda * beta[j] * beta[j];
	return s / 2;
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

/* One pass over the rows at beta: the penalised objective (HUGE_VAL when a Poisson eta runs
 * away), its gradient X'(mu - y) + penalty and Hessian X'WX + penalty (W = b''(eta); lower
 * triangle). One pass gives all three, so that a step that is kept costs one pass. */
static double pass(fc_family fam, const double *X, const double *y, size_t n, int k, double lambda, const double *beta,
		   double *g, double H[FC_NCOEF][FC_NCOEF])
{
	double val = 0;

	memset(g, 0, FC_NCOEF * sizeof(*g));
	memset(H, 0, sizeof(double[FC_NCOEF][FC_NCOEF]));
	for (size_t i = 0; i < n; i++) {
		const double *x = X + i * (size_t)k;
		double eta = fc_eta(x, beta, k), mu, w, r;
		if (fam == FC_POISSON) {
			if (eta > ETA_MAX)
				return HUGE_VAL;
			mu = exp(eta);
			val += mu - y[i] * eta;
			w = mu;
		} else {
			/* one exp and one log1p: e = exp(-|eta|) gives both the mean and log(1 + e^eta) */
			double e = exp(-fabs(eta));
			mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
			val += (eta > 0 ? eta : 0) + log1p(e) - y[i] * eta;
			w = mu * (1 - mu);
		}
		r = mu - y[i];
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
	return val + penalty(beta, k, lambda);
}

int fc_glm_fit(fc_family fam, const double *X, const double *y, size_t n, int k, double lambda, double *beta)
{
	double kept[FC_NCOEF], d[FC_NCOEF], best = HUGE_VAL, step = 1;
	int halvings = 0;

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
	memcpy(kept, beta, (size_t)k * sizeof(*beta));
	memset(d, 0, sizeof(d));
	/* Newton's method: from the point kept, a step along -H^-1 g is tried at full length and
	 * halved until the objective does not increase */
	for (int it = 1; it <= FC_MAX_ITER + 40; it++) {
		double g[FC_NCOEF], H[FC_NCOEF][FC_NCOEF], val, moved = 0;
		val = pass(fam, X, y, n, k, lambda, beta, g, H);
		/* rounding may make the minimum itself look a hair higher: not a reason to halve */
		if (val == HUGE_VAL || !(val <= best + 1e-13 * (fabs(best) + 1))) {
			if (best == HUGE_VAL) {
				/* the start itself overflows (a warm start far off): start again from zero,
				 * where every eta is 0 */
				memset(beta, 0, (size_t)k * sizeof(*beta));
				memcpy(kept, beta, (size_t)k * sizeof(*beta));
				continue;
			}
			if (++halvings > 40) {
				memcpy(beta, kept, (size_t)k * sizeof(*beta));
				return it; /* no step lowers it: at the minimum within rounding */
			}
			step /= 2;
			for (int j = 0; j < k; j++)
				beta[j] = kept[j] - step * d[j];
			continue;
		}
		for (int j = 0; j < k; j++)
			if (fabs(step * d[j]) > moved)
				moved = fabs(step * d[j]);
		if (best != HUGE_VAL && (moved < 1e-7 || best - val <= 1e-12 * (fabs(val) + 1)))
			return it;
		best = val;
		memcpy(kept, beta, (size_t)k * sizeof(*beta));
		if (solve(H, g, d, k))
			return -1;
		step = 1;
		halvings = 0;
		for (int j = 0; j < k; j++)
			beta[j] = kept[j] - d[j];
		if (it > FC_MAX_ITER)
			break;
	}
	memcpy(beta, kept, (size_t)k * sizeof(*beta));
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
