/*
 * cmd_serve.c: kitgen serve: build the site, serve it on 127.0.0.1, and
 * rebuild when an input changes; open pages reload themselves.
 *
 * The build runs in a child process (this binary, "build"), so a build
 * that fails leaves the server and the last good site running. Pages are
 * served with a small script appended that polls /__kitgen/version and
 * reloads the page when a new build has landed. The files on disk are
 * never changed by the server.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buffer.h"
#include "commands.h"
#include "diag.h"
#include "files.h"
#include "output.h"
#include "xalloc.h"

static const char reload_script[] =
    "<script>(function(){var v=null;function p(){fetch('/__kitgen/version',"
    "{cache:'no-store'}).then(function(r){return r.text()}).then(function(t)"
    "{if(v!==null&&t!==v)location.reload();v=t}).catch(function(){})}"
    "p();setInterval(p,1000)})();</script>\n";

static volatile sig_atomic_t stop;

static void
on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/*
 * Returns a fingerprint of every input of the site (names, sizes and
 * mtimes), so a change anywhere triggers a rebuild.
 */
static uint64_t
fingerprint(const char *root)
{
	static const char *const dirs[] = { "content", "templates", "themes" };
	struct strlist	 files = { NULL, 0, 0 };
	struct stat	 st;
	uint64_t	 h = 1469598103934665603ull;
	size_t		 i;
	const char	*p;
	char		*d;

	for (i = 0; i < 3; i++) {
		d = path_join(root, dirs[i]);
		if (is_dir(d))
			dir_walk(d, NULL, &files, 0);
		free(d);
	}
	d = path_join(root, "site.yaml");
	strlist_push(&files, d);
	free(d);
	strlist_sort(&files);
	for (i = 0; i < files.len; i++) {
		for (p = files.items[i]; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ull;
		if (stat(files.items[i], &st) == 0) {
			h = (h ^ (uint64_t)st.st_size) * 1099511628211ull;
			h = (h ^ (uint64_t)st.st_mtim.tv_sec) * 1099511628211ull;
			h = (h ^ (uint64_t)st.st_mtim.tv_nsec) * 1099511628211ull;
		}
	}
	strlist_free(&files);
	return h;
}

/* Runs "kitgen build" in a child. Returns its exit status. */
static int
run_build(const char *self, const struct options *o, const char *out)
{
	pid_t	 pid;
	int	 st;

	if ((pid = fork()) == -1)
		return EXIT_IO;
	if (pid == 0) {
		if (o->theme != NULL)
			execl(self, "kitgen", "build", "-C", o->dir, "-o", out,
			    "--quiet", "--theme", o->theme,
			    o->strict ? "--strict" : (char *)NULL, (char *)NULL);
		else
			execl(self, "kitgen", "build", "-C", o->dir, "-o", out,
			    "--quiet", o->strict ? "--strict" : (char *)NULL,
			    (char *)NULL);
		_exit(EXIT_IO);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return EXIT_IO;
	return WIFEXITED(st) ? WEXITSTATUS(st) : EXIT_IO;
}

static const char *
mime(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".ics", "text/calendar; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	size_t	 i, n = strlen(path), e;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		e = strlen(types[i].ext);
		if (n >= e && strcmp(path + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

static void
send_all(int fd, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = send(fd, p, n, MSG_NOSIGNAL)) <= 0) {
			if (w == -1 && errno == EINTR)
				continue;
			return;
		}
		p += w;
		n -= (size_t)w;
	}
}

static void
respond(int fd, int code, const char *type, const char *body, size_t len)
{
	struct buf	 h = BUF_INIT;

	buf_printf(&h, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nCache-Control: no-store\r\n"
	    "Connection: close\r\n\r\n", code, code == 200 ? "OK" :
	    code == 404 ? "Not Found" : code == 405 ? "Method Not Allowed" :
	    "Bad Request", type, len);
	send_all(fd, h.data, h.len);
	send_all(fd, body, len);
	buf_free(&h);
}

/* Serves one request on fd from the site in out. */
static void
serve_one(int fd, const char *out, unsigned long version)
{
	char		 req[8192], *sp, *path, *q, *file = NULL, *data = NULL;
	ssize_t		 n;
	size_t		 len = 0, got = 0;
	struct buf	 b = BUF_INIT, dec = BUF_INIT;
	struct pollfd	 pfd = { fd, POLLIN, 0 };

	while (got < sizeof(req) - 1 && poll(&pfd, 1, 2000) > 0) {
		if ((n = recv(fd, req + got, sizeof(req) - 1 - got, 0)) <= 0)
			break;
		got += (size_t)n;
		req[got] = '\0';
		if (strstr(req, "\r\n\r\n") != NULL)
			break;
	}
	req[got] = '\0';
	if (strncmp(req, "GET ", 4) != 0 && strncmp(req, "HEAD ", 5) != 0) {
		respond(fd, 405, "text/plain", "GET only\n", 9);
		return;
	}
	path = strchr(req, ' ') + 1;
	if ((sp = strchr(path, ' ')) == NULL) {
		respond(fd, 400, "text/plain", "bad request\n", 12);
		return;
	}
	*sp = '\0';
	if ((q = strpbrk(path, "?#")) != NULL)
		*q = '\0';
	if (strcmp(path, "/__kitgen/version") == 0) {
		buf_printf(&b, "%lu", version);
		respond(fd, 200, "text/plain", b.data, b.len);
		buf_free(&b);
		return;
	}
	/* Percent-decode, then refuse anything that leaves the site. */
	for (q = path; *q != '\0'; q++) {
		if (*q == '%' && q[1] && q[2]) {
			char hex[3] = { q[1], q[2], 0 };

			buf_putc(&dec, (char)strtol(hex, NULL, 16));
			q += 2;
		} else
			buf_putc(&dec, *q);
	}
	buf_reset(&b);
	buf_puts(&b, buf_cstr(&dec) + 1);
	if (b.len == 0 || b.data[b.len - 1] == '/')
		buf_puts(&b, "index.html");
	if (!output_path_ok(buf_cstr(&b))) {
		respond(fd, 404, "text/plain", "not found\n", 10);
		goto out;
	}
	file = path_join(out, b.data);
	if (is_dir(file)) {
		char *idx = path_join(file, "index.html");

		free(file);
		file = idx;
	}
	if (!is_file(file) || file_read(file, 256u << 20, &data, &len) != 0) {
		respond(fd, 404, "text/html; charset=utf-8",
		    "<!DOCTYPE html><title>Not found</title><p>Not found.</p>\n",
		    56);
		goto out;
	}
	if (strcmp(mime(file), "text/html; charset=utf-8") == 0) {
		/* Just before </body>, where a script may stand. */
		char	*end = strstr(data, "</body>");
		size_t	 at = end != NULL ? (size_t)(end - data) : len;

		buf_reset(&b);
		buf_put(&b, data, at);
		buf_puts(&b, reload_script);
		buf_put(&b, data + at, len - at);
		respond(fd, 200, mime(file), b.data, b.len);
	} else
		respond(fd, 200, mime(file), data, len);
out:
	free(file);
	free(data);
	buf_free(&b);
	buf_free(&dec);
}

int
cmd_serve(const struct options *o)
{
	struct sockaddr_in sa;
	struct pollfd	 pfd;
	char		 self[PATH_MAX], *out;
	uint64_t	 seen, now;
	unsigned long	 version = 1;
	ssize_t		 n;
	int		 s, c, one = 1, st;
	time_t		 last_check = 0;

	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) == -1) {
		fprintf(stderr, "kitgen: serve: cannot find its own binary\n");
		return EXIT_IO;
	}
	self[n] = '\0';
	/* A folder of its own, so serving never touches the real output. */
	out = path_join(o->dir, ".kitgen/serve");
	{
		char *dot = path_join(o->dir, ".kitgen");

		mkdir(dot, 0755);
		free(dot);
	}
	seen = fingerprint(o->dir);
	st = run_build(self, o, out);
	if (st == EXIT_USAGE || st == EXIT_IO || !is_dir(out)) {
		fprintf(stderr, "kitgen: serve: the first build failed\n");
		free(out);
		return st ? st : EXIT_CONTENT;
	}

	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		perror("kitgen: serve: socket");
		free(out);
		return EXIT_IO;
	}
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(s, 16) == -1) {
		fprintf(stderr, "kitgen: serve: cannot listen on 127.0.0.1:%d: "
		    "%s\n", o->port, strerror(errno));
		close(s);
		free(out);
		return EXIT_IO;
	}
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);
	signal(SIGPIPE, SIG_IGN);
	fprintf(stderr, "kitgen: serving %s on http://127.0.0.1:%d/ "
	    "(Ctrl-C to stop)\n", o->dir, o->port);

	while (!stop) {
		pfd.fd = s;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 300) > 0 && (c = accept(s, NULL, NULL)) != -1) {
			serve_one(c, out, version);
			close(c);
		}
		if (time(NULL) == last_check)
			continue;
		last_check = time(NULL);
		if ((now = fingerprint(o->dir)) != seen) {
			seen = now;
			fprintf(stderr, "kitgen: change seen; rebuilding\n");
			if (run_build(self, o, out) == EXIT_OK)
				version++;
		}
	}
	close(s);
	free(out);
	fprintf(stderr, "kitgen: serve: stopped\n");
	return EXIT_OK;
}
