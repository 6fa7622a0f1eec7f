/*
 * classes/httpparser.h -- where http-parser 2.9.4 reads differently from
 * Node 20 (llhttp 9), sorted into classes.  Data for
 * fuzz/adapters/httpparser.c.  Each class has a minimal input (fz.h layout)
 * in corpus/fuzz/classes/httpparser/NAME.
 */
#ifndef H1_FUZZ_CLASSES_HTTPPARSER_H
#define H1_FUZZ_CLASSES_HTTPPARSER_H

static const struct h1fa_class hp_classes[] = {
    {"none", "placeholder", NULL},
};

#endif
