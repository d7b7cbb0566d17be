/* tansiq forecast fit | backtest | show: the risk forecast from the command line
 * (docs/internals/forecast.md). The CLI reads as an administrator, so the model is fitted on
 * every event stored. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static double num(const json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

/* A score's text: 3 decimals, "-" when undefined (an AUC without positives or negatives). */
static void score(char *out, size_t size, const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	if (json_is_number(v))
		snprintf(out, size, "%.3f", json_number_value(v));
	else
		snprintf(out, size, "-");
}

static int print_fit(json_t *out)
{
	const json_t *h;
	size_t i;

	printf("forecast model fitted at %s on %ld countries, months %s to %s\n\n", json_str(out, "fitted_at"),
	       json_num(out, "countries"), json_str(out, "from"), json_str(out, "through"));
	printf("%-3s %9s %9s  %s\n", "H", "ROWS", "POSITIVE", "COEFFICIENTS (standardised features)");
	json_array_foreach(json_object_get(out, "horizons"), i, h) {
		const char *name;
		const json_t *v;
		printf("%-3ld %9ld %9ld ", json_num(h, "h"), json_num(h, "rows"), json_num(h, "positives"));
		json_object_foreach((json_t *)json_object_get(h, "coefficients"), name, v)
			printf(" %s=%.3f", name, json_number_value(v));
		printf("\n");
	}
	json_decref(out);
	return EXIT_OK;
}

static int print_backtest(json_t *out)
{
	const json_t *h;
	size_t i;

	printf("rolling-origin backtest: %ld months (%s to %s) forecast from h months before, %ld countries;\n"
	       "a positive is a month with %ld or more fatalities. Brier: lower is better (0 perfect); AUC: 0.5 is chance.\n\n",
	       json_num(out, "origins"), json_str(out, "from"), json_str(out, "to"), json_num(out, "countries"),
	       json_num(out, "threshold"));
	printf("%-3s %7s %9s  %-15s  %-15s  %-15s\n", "", "", "", "MODEL", "PERSISTENCE", "HISTORICAL");
	printf("%-3s %7s %9s  %7s %7s  %7s %7s  %7s %7s\n", "H", "N", "POSITIVE", "BRIER", "AUC", "BRIER", "AUC", "BRIER", "AUC");
	json_array_foreach(json_object_get(out, "horizons"), i, h) {
		char s[6][16];
		const char *who[3] = {"model", "persistence", "historical"};
		for (int w = 0; w < 3; w++) {
			score(s[2 * w], sizeof(s[0]), json_object_get(h, who[w]), "brier");
			score(s[2 * w + 1], sizeof(s[0]), json_object_get(h, who[w]), "auc");
		}
		printf("%-3ld %7ld %9ld  %7s %7s  %7s %7s  %7s %7s\n", json_num(h, "h"), json_num(h, "n"), json_num(h, "positives"),
		       s[0], s[1], s[2], s[3], s[4], s[5]);
	}
	json_decref(out);
	return EXIT_OK;
}

static int print_show(json_t *out)
{
	const json_t *it, *h;
	size_t i, j;

	printf("forecast from the data through %s (model fitted at %s on data through %s):\n"
	       "P: the probability of %ld or more fatalities in the month; E: the expected fatalities\n\n",
	       json_str(out, "through"), json_str(json_object_get(out, "model"), "fitted_at"),
	       json_str(json_object_get(out, "model"), "through"), json_num(json_object_get(out, "model"), "threshold"));
	printf("%-7s", "COUNTRY");
	json_array_foreach(json_object_get(json_array_get(json_object_get(out, "items"), 0), "horizons"), j, h)
		printf("  %-7s %7s", json_str(h, "month"), "");
	printf("\n%-7s", "");
	for (j = 0; j < 6; j++)
		printf("  %7s %7s", "P", "E");
	printf("\n");
	json_array_foreach(json_object_get(out, "items"), i, it) {
		printf("%-7s", json_str(it, "country"));
		json_array_foreach(json_object_get(it, "horizons"), j, h)
			printf("  %7.3f %7.1f", num(h, "p"), num(h, "expected"));
		if (json_is_true(json_object_get(it, "no_events")))
			printf("  (no events: the forecast of a country without any)");
		printf("\n");
	}
	if (json_array_size(json_object_get(out, "no_events"))) {
		printf("%-7s", "(none)");
		json_array_foreach(json_object_get(out, "no_events"), j, h)
			printf("  %7.3f %7.1f", num(h, "p"), num(h, "expected"));
		printf("  a country without events\n");
	}
	json_decref(out);
	return EXIT_OK;
}

int cmd_forecast(args *a)
{
	ts_error err = TS_ERROR_INIT;
	ts_store *st;
	json_t *out = NULL;
	const char *what = a->pos[0], *country = arg_get(a, "country", NULL), *origins = arg_get(a, "origins", NULL);
	const char *misplaced;
	long n = 24;
	int rc, json;

	if (strcmp(what, "fit") && strcmp(what, "backtest") && strcmp(what, "show")) {
		ts_fail(&err, TS_USAGE, "COMMAND", "usage: tansiq forecast fit | backtest [--origins N] | show [--country ISO3]");
		return report(&err);
	}
	/* --origins belongs to backtest, --country to show */
	misplaced = origins && strcmp(what, "backtest") ? "origins" : country && strcmp(what, "show") ? "country" : NULL;
	if (misplaced) {
		ts_fail(&err, TS_USAGE, misplaced, "--%s is an option of 'forecast %s'", misplaced,
			!strcmp(misplaced, "origins") ? "backtest" : "show");
		return report(&err);
	}
	if (range_option(a, "origins", 6, 120, "a number of months from 6 to 120", &n, &err) ||
	    get_text_or_json(a, &json, &err))
		return report(&err);
	if ((rc = open_store(a, &st, 0)))
		return rc;
	rc = !strcmp(what, "fit") ? ts_forecast_fit(st, &out, &err)
	     : !strcmp(what, "backtest") ? ts_forecast_backtest(st, (int)n, &out, &err)
					 : ts_forecast(st, country, &out, &err);
	ts_store_close(st);
	if (rc)
		return report(&err);
	if (json)
		return print_json_free(out);
	return !strcmp(what, "fit") ? print_fit(out) : !strcmp(what, "backtest") ? print_backtest(out) : print_show(out);
}
