/* tansiq doc: the archive of documents (search.h). STUB: being written. */
#include "cli.h"

int cmd_doc(args *a)
{
	(void)a;
	return EXIT_ERROR;
}
