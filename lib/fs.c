/* fs.c: database directories on disk: removal, swapping a rebuilt
 * database into place, and sizes. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newsidx-private.h"

void nx_fs_remove_tree(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;

	if (!dir) {
		unlink(path);
		return;
	}
	while ((e = readdir(dir))) {
		char *child;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		child = nx_asprintf("%s/%s", path, e->d_name);
		if (child) {
			nx_fs_remove_tree(child);
			free(child);
		}
	}
	closedir(dir);
	rmdir(path);
}

int nx_fs_swap_in(const char *path, const char *fresh)
{
	char *old = nx_asprintf("%s.old", path);
	int ok;

	if (!old)
		return 0;
	nx_fs_remove_tree(old);
	ok = rename(path, old) == 0 && rename(fresh, path) == 0;
	if (ok)
		nx_fs_remove_tree(old);
	free(old);
	return ok;
}

void nx_fs_recover_swap(const char *path)
{
	struct stat st;
	char *fresh = nx_asprintf("%s.new", path);

	if (fresh && stat(path, &st) != 0 && errno == ENOENT &&
	    stat(fresh, &st) == 0)
		rename(fresh, path);
	free(fresh);
}

unsigned long long nx_fs_size(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	unsigned long long total = 0;

	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return (unsigned long long)st.st_blocks * 512ULL;
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((e = readdir(dir))) {
		char *child;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		child = nx_asprintf("%s/%s", path, e->d_name);
		if (child) {
			total += nx_fs_size(child);
			free(child);
		}
	}
	closedir(dir);
	return total;
}
