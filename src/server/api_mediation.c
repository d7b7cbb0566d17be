/* Mediation: the network's decisions and signatures, the matching, a process's stages and its
 * dossier. The library decides who may do what (mediation.h). */
#include <stdio.h>
#include <string.h>

#include "server/api_int.h"
#include "tansiq/mediation.h"

/* GET /api/v1/processes/{id}/dossier */
int h_process_dossier(request *rq, response *rs, ts_error *err)
{
	json_t *out = NULL;

	if (check_no_params(rq, err) || ts_process_dossier(rq->st, rq->p1, &out, err))
		return -1;
	return reply_json(rs, 200, out, 1);
}
