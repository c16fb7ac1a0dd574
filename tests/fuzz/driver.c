/*
 * driver.c: main() for a fuzz target outside libFuzzer: runs the target
 * once on each file named (a folder: on each file in it, sorted), so the
 * saved regression inputs run in make test under the sanitizers of that
 * build. Prints "N inputs" and exits 0, or dies in the target.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Returns 0 after running the target on path, -1 if it cannot be read. */
static int
run_file(const char *path)
{
	FILE		*f;
	unsigned char	*data = NULL;
	size_t		 len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((data = realloc(data, cap)) == NULL) {
				fclose(f);
				return -1;
			}
		}
		if ((n = fread(data + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	fclose(f);
	/* An exact-size copy, so ASan sees a read past the end. */
	{
		unsigned char *copy = malloc(len ? len : 1);

		if (copy == NULL) {
			free(data);
			return -1;
		}
		memcpy(copy, data, len);
		free(data);
		if (getenv("FUZZ_VERBOSE") != NULL)
			fprintf(stderr, "== %s\n", path);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
	}
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of inputs run from dir, or -1. */
static int
run_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, *p;
	size_t		 n = 0, i;
	int		 count = 0;

	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		p = malloc(strlen(dir) + strlen(de->d_name) + 2);
		if (names == NULL || p == NULL)
			return -1;
		sprintf(p, "%s/%s", dir, de->d_name);
		names[n++] = p;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		if (run_file(names[i]) == 0)
			count++;
		else
			count = -1;
		free(names[i]);
		if (count < 0)
			break;
	}
	for (i++; i < n; i++)
		free(names[i]);
	free(names);
	return count;
}

int
main(int argc, char **argv)
{
	struct stat	 st;
	int		 i, n, total = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			n = run_dir(argv[i]);
		else
			n = run_file(argv[i]) == 0 ? 1 : -1;
		if (n < 0)
			return 1;
		total += n;
	}
	printf("%d inputs\n", total);
	return 0;
}
