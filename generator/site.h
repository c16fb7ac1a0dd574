/*
 * site.h: the whole pipeline of kitgen build and check, stage by stage:
 * load -> outline and model -> context -> render -> write.
 */
#ifndef KITGEN_SITE_H
#define KITGEN_SITE_H

struct options;

int	 site_build(const struct options *, int write);

#endif
