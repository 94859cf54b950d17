/* bench-pipeline: wall time and peak memory of load → validate → compile →
 * write YAML, and of load → save, on synthetic documents.
 *
 *   bench-pipeline [--sizes 10000,20000] [--seed S]
 *
 * Each size runs in a fresh child process (the program runs itself with
 * --one FILE N DIR) so that the peak RSS belongs to that size alone. The figures
 * are printed beside the goals; only wrong results fail the run. Files go
 * under $TMPDIR (default /tmp): TMPDIR=/dev/shm leaves the disk out. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "al-document-io.h"
#include "al-gen.h"
#include "al-k8s-compiler.h"
#include "al-test-util.h"
#include "al-validate.h"

#define GOAL_TOTAL_10K_S 1.0
#define GOAL_RATIO 2.2
#define GOAL_RSS_MB 300.0
#define GOAL_LOAD_SAVE_10K_S 0.5

/* The stages, in the order the child prints them. */
static const char *const stage_names[] = {
  "load",     "graph",    "validate",    "compile_write", "total",  "reload",
  "save",     "load_save", "rss_mb",     "rss_load",  "rss_validate", "rss_compile_write",
  "cpu_total", "cpu_user", "cpu_load_save",
};
enum
{
  LOAD,
  GRAPH,
  VALIDATE,       /* al_validate_graph() alone, as `archlane-cli validate` */
  COMPILE_WRITE,  /* al_k8s_compile_to_directory(), as `archlane-cli compile`: it
                   * validates once, compiles and writes */
  TOTAL,          /* load + graph + compile_write */
  RELOAD,
  SAVE,
  LOAD_SAVE,
  RSS_MB,
  RSS_LOAD,     /* peak RSS when each stage ends */
  RSS_VALIDATE,
  RSS_COMPILE_WRITE,
  CPU_TOTAL,    /* user + system CPU seconds, to tell computing from waiting on the disk */
  CPU_USER,     /* user CPU seconds alone: system time is mostly the file system's */
  CPU_LOAD_SAVE,
  N_FIGURES
};

G_STATIC_ASSERT (G_N_ELEMENTS (stage_names) == N_FIGURES);

typedef struct
{
  guint n_components;
  double figures[N_FIGURES];
} Result;

static G_NORETURN void
fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

static G_NORETURN void
fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fputs ("bench-pipeline: wrong result: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  exit (EXIT_FAILURE);
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss * 1024.0 / 1e6; /* ru_maxrss is in KiB on Linux */
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
user_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
}

/* What the generator makes: 3N, unless N components cannot hold 3N distinct
 * pairs. */
static guint
expected_dependencies (guint n_components)
{
  return MIN (AL_GEN_DEFAULT_DEPENDENCIES (n_components), n_components * (n_components - 1) / 2);
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  guint count = 0;

  if (handle == NULL)
    return 0;
  while (g_dir_read_name (handle) != NULL)
    count++;
  return count;
}

/* One size, in this process: prints "<stage>=<seconds> …" on stdout. */
static int
run_one (const char *path, guint n_components, const char *work_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) diagnostics = NULL;
  g_autofree char *yaml_dir = g_build_filename (work_dir, "manifests", NULL);
  g_autofree char *saved_path = g_build_filename (work_dir, "saved.archlane", NULL);
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  gsize original_length = 0, saved_length = 0;
  AlDocument *document;
  AlGraph *graph;
  double figures[N_FIGURES] = { 0 };
  gint64 start, stage, validate_time;
  double cpu_start, user_start, validate_cpu, validate_user;
  guint n_deps, expected_deps, n_errors;

  /* load → compile → write, as `archlane-cli compile` (which validates
   * inside), and validation alone as `archlane-cli validate` does it */
  cpu_start = cpu_seconds ();
  user_start = user_cpu_seconds ();
  start = stage = g_get_monotonic_time ();
  document = al_document_load_from_path (path, NULL, &error);
  figures[LOAD] = seconds_since (stage);
  figures[RSS_LOAD] = peak_rss_mb ();
  if (document == NULL)
    fail ("%s does not load: %s", path, error->message);
  if (g_list_model_get_n_items (al_document_get_components (document)) != n_components)
    fail ("%s has %u components, not %u", path,
          g_list_model_get_n_items (al_document_get_components (document)), n_components);
  expected_deps = expected_dependencies (n_components);
  n_deps = g_list_model_get_n_items (al_document_get_dependencies (document));
  if (n_deps != expected_deps)
    fail ("%s has %u dependencies, not %u", path, n_deps, expected_deps);

  stage = g_get_monotonic_time ();
  graph = al_graph_new (document);
  figures[GRAPH] = seconds_since (stage);

  /* Validation alone is not part of the total: compiling validates once
   * itself. */
  validate_time = g_get_monotonic_time ();
  validate_cpu = cpu_seconds ();
  validate_user = user_cpu_seconds ();
  diagnostics = al_validate_graph (graph);
  figures[VALIDATE] = seconds_since (validate_time);
  figures[RSS_VALIDATE] = peak_rss_mb ();
  n_errors = al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      g_autofree char *line = al_diagnostic_to_line (diagnostics->pdata[0]);
      fail ("%u errors, first: %s", n_errors, line);
    }
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  validate_cpu = cpu_seconds () - validate_cpu;
  validate_user = user_cpu_seconds () - validate_user;

  stage = g_get_monotonic_time ();
  if (!al_k8s_compile_to_directory (graph, yaml_dir, AL_MANIFEST_YAML, &diagnostics, &error))
    fail ("compiling failed: %s", error->message);
  figures[COMPILE_WRITE] = seconds_since (stage);
  figures[TOTAL] = seconds_since (start) - figures[VALIDATE];
  figures[CPU_TOTAL] = cpu_seconds () - cpu_start - validate_cpu;
  figures[CPU_USER] = user_cpu_seconds () - user_start - validate_user;
  figures[RSS_COMPILE_WRITE] = peak_rss_mb ();
  if (al_diagnostic_list_count (diagnostics, AL_SEVERITY_ERROR) > 0)
    fail ("compiling reported errors that validation did not");
  /* one file per component, namespace.yaml, kustomization.yaml */
  if (count_files (yaml_dir) != n_components + 2)
    fail ("%u files in %s, not %u", count_files (yaml_dir), yaml_dir, n_components + 2);

  al_graph_free (graph);
  g_object_unref (document);

  /* load → save, as when a user opens and saves a large design */
  cpu_start = cpu_seconds ();
  start = stage = g_get_monotonic_time ();
  document = al_document_load_from_path (path, NULL, &error);
  figures[RELOAD] = seconds_since (stage);
  if (document == NULL)
    fail ("%s does not load again: %s", path, error->message);
  stage = g_get_monotonic_time ();
  if (!al_document_save_to_path (document, saved_path, &error))
    fail ("saving failed: %s", error->message);
  figures[SAVE] = seconds_since (stage);
  figures[LOAD_SAVE] = seconds_since (start);
  figures[CPU_LOAD_SAVE] = cpu_seconds () - cpu_start;
  g_object_unref (document);

  /* the generator wrote the file with the same writer: byte for byte */
  if (!g_file_get_contents (path, &original, &original_length, &error)
      || !g_file_get_contents (saved_path, &saved, &saved_length, &error))
    fail ("cannot read back: %s", error->message);
  if (original_length != saved_length || memcmp (original, saved, saved_length) != 0)
    fail ("load → save changed the text (%" G_GSIZE_FORMAT " → %" G_GSIZE_FORMAT " bytes)",
          original_length, saved_length);

  figures[RSS_MB] = peak_rss_mb ();

  for (guint i = 0; i < N_FIGURES; i++)
    printf ("%s%s=%.6f", i ? " " : "", stage_names[i], figures[i]);
  printf ("\n");
  return EXIT_SUCCESS;
}

static gboolean
parse_result (const char *line, Result *result)
{
  g_auto (GStrv) fields = g_strsplit (g_strstrip ((char *) line), " ", -1);

  if (g_strv_length (fields) != N_FIGURES)
    return FALSE;
  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_autofree char *prefix = g_strconcat (stage_names[i], "=", NULL);
      if (!g_str_has_prefix (fields[i], prefix))
        return FALSE;
      result->figures[i] = g_ascii_strtod (fields[i] + strlen (prefix), NULL);
    }
  return TRUE;
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

static void
print_results (Result *results, guint n_results)
{
  const Result *r10k = NULL, *r20k = NULL;

  printf ("\n%-11s %-7s %8s %8s %9s %14s %8s | %8s %8s %9s | %9s\n", "components", "deps",
          "load", "graph", "validate", "compile+write", "total", "reload", "save", "load→save",
          "peak RSS");
  for (guint i = 0; i < n_results; i++)
    {
      const double *f = results[i].figures;
      printf ("%-11u %-7u %7.3fs %7.3fs %8.3fs %13.3fs %7.3fs | %7.3fs %7.3fs %8.3fs | "
              "%6.1f MB\n",
              results[i].n_components, expected_dependencies (results[i].n_components),
              f[LOAD], f[GRAPH], f[VALIDATE], f[COMPILE_WRITE], f[TOTAL], f[RELOAD], f[SAVE],
              f[LOAD_SAVE], f[RSS_MB]);
      if (results[i].n_components == 10000)
        r10k = &results[i];
      else if (results[i].n_components == 20000)
        r20k = &results[i];
    }
  printf ("(compile+write = archlane-cli compile: validates once, compiles and writes each "
          "component in turn;\n validate = validation alone, for reference, not in the total; "
          "total = load + graph + compile+write)\n");

  printf ("\n%-11s %10s %10s %10s | %9s %9s %14s %9s\n", "components", "CPU total", "CPU user",
          "CPU l→s", "RSS load", "validate", "compile+write", "load→save");
  for (guint i = 0; i < n_results; i++)
    {
      const double *f = results[i].figures;
      printf ("%-11u %9.3fs %9.3fs %9.3fs | %6.1f MB %6.1f MB %11.1f MB %6.1f MB\n",
              results[i].n_components, f[CPU_TOTAL], f[CPU_USER], f[CPU_LOAD_SAVE], f[RSS_LOAD],
              f[RSS_VALIDATE], f[RSS_COMPILE_WRITE], f[RSS_MB]);
    }
  printf ("(CPU = user + system seconds of the same stages; RSS = peak so far when the stage "
          "ends)\n\n");

  printf ("goals:\n");
  if (r10k != NULL)
    {
      printf ("  total at 10k        %6.3f s   goal <= %.1f s   %s\n", r10k->figures[TOTAL],
              GOAL_TOTAL_10K_S, verdict (r10k->figures[TOTAL] <= GOAL_TOTAL_10K_S));
      printf ("  load→save at 10k    %6.3f s   goal <= %.1f s   %s\n", r10k->figures[LOAD_SAVE],
              GOAL_LOAD_SAVE_10K_S, verdict (r10k->figures[LOAD_SAVE] <= GOAL_LOAD_SAVE_10K_S));
    }
  if (r10k != NULL && r20k != NULL)
    {
      double ratio = r20k->figures[TOTAL] / r10k->figures[TOTAL];
      double cpu_ratio = r20k->figures[CPU_TOTAL] / r10k->figures[CPU_TOTAL];

      printf ("  total 20k/10k       %6.2f     goal <= %.1f     %s\n", ratio, GOAL_RATIO,
              verdict (ratio <= GOAL_RATIO));
      /* Wall time on a busy machine or a file system that is slow to create
       * files right after many deletions (ext4 without a journal) swings
       * either way; CPU time shows the scaling of the code itself. */
      printf ("  CPU 20k/10k         %6.2f     goal <= %.1f     %s\n", cpu_ratio, GOAL_RATIO,
              verdict (cpu_ratio <= GOAL_RATIO));
    }
  for (guint i = 0; i < n_results; i++)
    printf ("  peak RSS at %-6u   %6.1f MB  goal <= %.0f MB  %s\n", results[i].n_components,
            results[i].figures[RSS_MB], GOAL_RSS_MB,
            verdict (results[i].figures[RSS_MB] <= GOAL_RSS_MB));
}

static int
run_all (const char *sizes_text, guint32 seed)
{
  g_auto (GStrv) sizes = g_strsplit (sizes_text, ",", -1);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = al_test_make_tmpdir ();
  g_autofree Result *results = g_new0 (Result, g_strv_length (sizes));
  guint n_results = 0, n_failed = 0;

  if (self == NULL)
    fail ("cannot find the program itself");

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *work_dir = NULL;
      g_autofree char *n_text = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr (AlDocument) document = NULL;
      g_autoptr (GError) error = NULL;
      guint64 n;
      int status = -1;
      gint64 start;

      if (!g_ascii_string_to_unsigned (sizes[i], 10, 1, 1000000, &n, NULL))
        fail ("bad size “%s”", sizes[i]);

      /* Generation is not measured. */
      start = g_get_monotonic_time ();
      document = al_gen_document ((guint) n, AL_GEN_DEFAULT_DEPENDENCIES ((guint) n), seed);
      path = g_strdup_printf ("%s/gen-%u.archlane", dir, (guint) n);
      if (!al_document_save_to_path (document, path, &error))
        fail ("cannot write %s: %s", path, error->message);
      g_clear_object (&document);
      printf ("generated %u components in %.2f s (seed %u)\n", (guint) n, seconds_since (start),
              seed);
      fflush (stdout);

      n_text = g_strdup_printf ("%u", (guint) n);
      /* Removed only after the last size: deleting thousands of files slows
       * down creating the next ones on some file systems (ext4 without a
       * journal sets recently freed inodes aside), which would charge one
       * size's clean-up to the next one's writing. */
      work_dir = g_strdup_printf ("%s/run-%u", dir, i);
      if (g_mkdir (work_dir, 0755) != 0)
        fail ("cannot create %s", work_dir);
      {
        const char *argv[] = { self, "--one", path, n_text, work_dir, NULL };
        if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                           &status, &error))
          fail ("cannot run %s: %s", self, error->message);
      }
      if (err != NULL && *err != '\0')
        fputs (err, stderr);
      /* A failed size is reported, and the others still measured. */
      results[n_results].n_components = (guint) n;
      if (!g_spawn_check_wait_status (status, NULL))
        {
          fprintf (stderr, "bench-pipeline: the run for %u components failed\n", (guint) n);
          n_failed++;
          continue;
        }
      if (!parse_result (out, &results[n_results]))
        fail ("unreadable figures: %s", out);
      n_results++;
    }
  al_test_rmtree (dir);

  print_results (results, n_results);
  return n_failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  guint64 seed = 1, n = 0;
  const char *sizes = "10000,20000";

  if (argc == 5 && strcmp (argv[1], "--one") == 0)
    {
      if (!g_ascii_string_to_unsigned (argv[3], 10, 1, 1000000, &n, NULL))
        fail ("bad size “%s”", argv[3]);
      return run_one (argv[2], (guint) n, argv[4]);
    }

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--sizes") == 0 && i + 1 < argc)
        sizes = argv[++i];
      else if (strcmp (argv[i], "--seed") == 0 && i + 1 < argc
               && g_ascii_string_to_unsigned (argv[++i], 10, 0, G_MAXUINT32, &seed, NULL))
        ;
      else
        {
          fprintf (stderr, "usage: %s [--sizes N,N…] [--seed S]\n", argv[0]);
          return 2;
        }
    }
  return run_all (sizes, (guint32) seed);
}
