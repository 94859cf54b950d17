/* bench-export: `archlane-cli export` against Graphviz (`neato -n2`) on
 * the same positioned graph, side by side, and 5,000 components to SVG.
 *
 *   bench-export ARCHLANE_CLI [--runs N] [--keep]
 *
 * A 1,000-component / 2,000-dependency document is written as .archlane
 * and as DOT with every node pinned where the scene puts its card (pos in
 * points, the card's size, `neato -n2` keeps them), then each program
 * draws it as SVG, PDF and PNG. The PNG of Graphviz is drawn at the DPI
 * that gives it the pixel area of Archlane's. The best of N runs of each
 * (wall time of the whole process) is printed with the ratio
 * archlane / graphviz; the goals are printed beside, and only wrong results
 * (a command failing, a missing file) fail the run, never the time. */
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "al-document-io.h"
#include "al-gen.h"
#include "al-scene.h"
#include "al-test-util.h"

#define GOAL_RATIO 1.0
#define GOAL_5K_SVG_S 1.0

static G_NORETURN void
fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

static G_NORETURN void
fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fputs ("bench-export: wrong result: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  exit (EXIT_FAILURE);
}

static double
children_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Wall seconds of the best of @runs runs of @argv, and in @cpu the
 * processor seconds (user + system) of the run with the least; fails when
 * it fails or leaves no @output. */
static double
time_command (const char *const *argv, const char *output, guint runs, double *cpu)
{
  double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *err = NULL;
      int status = -1;
      gint64 start;

      double cpu_start;

      g_unlink (output);
      cpu_start = children_cpu_seconds ();
      start = g_get_monotonic_time ();
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                         &err, &status, &error))
        fail ("%s: %s", argv[0], error->message);
      best = MIN (best, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
      best_cpu = MIN (best_cpu, children_cpu_seconds () - cpu_start);
      if (!g_spawn_check_wait_status (status, NULL))
        fail ("%s %s failed: %s", argv[0], argv[1], err);
      if (!g_file_test (output, G_FILE_TEST_IS_REGULAR))
        fail ("%s wrote no %s", argv[0], output);
    }
  if (cpu != NULL)
    *cpu = best_cpu;
  return best;
}

static void
png_size (const char *path, guint *width, guint *height)
{
  g_autofree guint8 *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, (char **) &data, &length, NULL) || length < 24)
    fail ("%s is not a PNG", path);
  *width = ((guint) data[16] << 24) | (data[17] << 16) | (data[18] << 8) | data[19];
  *height = ((guint) data[20] << 24) | (data[21] << 16) | (data[22] << 8) | data[23];
}

static char *
dot_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The positioned graph: each card a box of the card's size at its place
 * (Graphviz's y axis points up), with the card's two lines of text. */
static void
write_dot (AlDocument *document, const char *path, double dpi)
{
  g_autoptr (AlScene) scene = al_scene_new (document);
  g_autoptr (GString) dot = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  graphene_rect_t bounds;
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];

  al_scene_update (scene);
  al_scene_get_bounds (scene, &bounds);
  g_string_append_printf (dot, "digraph archlane {\n  graph [dpi=%s, outputorder=edgesfirst];\n",
                          g_ascii_formatd (d, sizeof d, "%.2f", dpi));
  g_string_append_printf (dot, "  node [shape=box, style=\"rounded,filled\", fillcolor=white, "
                               "fontname=\"Noto Sans CJK SC\", fontsize=11, fixedsize=true, "
                               "width=%.4f, height=%.4f];\n",
                          AL_SCENE_CARD_WIDTH / 72.0, AL_SCENE_CARD_HEIGHT / 72.0);
  for (guint i = 0; i < al_scene_get_n_cards (scene); i++)
    {
      const AlSceneCard *card = al_scene_get_card (scene, i);
      const char *display_name = al_component_get_display_name (card->component);
      g_autofree char *label = g_strdup_printf (
        "%s\\n%s", display_name && *display_name ? display_name : "",
        al_component_get_name (card->component));
      g_autofree char *escaped = dot_escape (label);

      g_ascii_formatd (x, sizeof x, "%.1f",
                       card->bounds.origin.x + card->bounds.size.width / 2 - bounds.origin.x);
      g_ascii_formatd (y, sizeof y, "%.1f",
                       bounds.origin.y + bounds.size.height
                         - (card->bounds.origin.y + card->bounds.size.height / 2));
      g_string_append_printf (dot, "  \"%s\" [pos=\"%s,%s!\", label=\"%s\"];\n",
                              al_component_get_id (card->component), x, y, escaped);
    }
  for (guint i = 0; i < al_scene_get_n_edges (scene); i++)
    {
      const AlSceneEdge *edge = al_scene_get_edge (scene, i);

      g_string_append_printf (dot, "  \"%s\" -> \"%s\"%s;\n",
                              al_dependency_get_from (edge->dependency),
                              al_dependency_get_to (edge->dependency),
                              edge->cross_arch ? " [color=\"#c01c28\"]" : "");
    }
  g_string_append (dot, "}\n");
  if (!g_file_set_contents (path, dot->str, (gssize) dot->len, &error))
    fail ("%s", error->message);
}

static AlDocument *
write_document (guint n_components, guint n_dependencies, const char *path)
{
  g_autoptr (GError) error = NULL;
  AlDocument *document = al_gen_document (n_components, n_dependencies, 1);

  if (!al_document_save_to_path (document, path, &error))
    fail ("%s", error->message);
  return document;
}

int
main (int argc, char **argv)
{
  const char *cli;
  g_autofree char *neato = g_find_program_in_path ("neato");
  g_autofree char *dir = NULL;
  g_autofree char *doc_1k = NULL;
  g_autofree char *dot_1k = NULL;
  g_autofree char *doc_5k = NULL;
  g_autoptr (AlDocument) document = NULL;
  g_autoptr (AlDocument) large = NULL;
  static const char *const formats[] = { "svg", "pdf", "png" };
  double ours[3], theirs[3], ours_cpu[3], theirs_cpu[3];
  guint archlane_w = 0, archlane_h = 0, runs = 3;
  gboolean keep = FALSE;
  double dpi = 72.0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-export ARCHLANE_CLI [--runs N] [--keep]\n");
      return EXIT_FAILURE;
    }
  cli = argv[1];
  for (int i = 2; i < argc; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          int n = atoi (argv[++i]);

          runs = (guint) MAX (1, n);
        }
      else if (strcmp (argv[i], "--keep") == 0)
        keep = TRUE;
    }

  dir = g_dir_make_tmp ("bench-export-XXXXXX", NULL);
  doc_1k = g_build_filename (dir, "g1000.archlane", NULL);
  dot_1k = g_build_filename (dir, "g1000.dot", NULL);
  doc_5k = g_build_filename (dir, "g5000.archlane", NULL);
  document = write_document (1000, 2000, doc_1k);

  printf ("bench-export: 1,000 components, %u dependencies, best of %u runs (wall seconds)\n",
          g_list_model_get_n_items (al_document_get_dependencies (document)), runs);
  printf ("  %-4s %10s %10s %8s   %10s %10s %8s\n", "fmt", "archlane", "graphviz", "ratio",
          "cpu arch.", "cpu gv", "ratio");

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("archlane.%s", formats[f]);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      const char *cmd[] = { cli, "export", doc_1k, "-o", out, NULL };

      ours[f] = time_command (cmd, out, runs, &ours_cpu[f]);
      if (strcmp (formats[f], "png") == 0)
        png_size (out, &archlane_w, &archlane_h);
    }

  if (neato != NULL)
    {
      /* Graphviz's PNG at the pixel area of Archlane's: measure at 72 DPI,
       * then scale the DPI. */
      g_autofree char *probe = g_build_filename (dir, "probe.png", NULL);
      g_autofree char *flag = g_strdup_printf ("-o%s", probe);
      const char *probe_cmd[] = { neato, "-n2", "-Tpng", flag, dot_1k, NULL };
      guint w, h;

      write_dot (document, dot_1k, 72.0);
      time_command (probe_cmd, probe, 1, NULL);
      png_size (probe, &w, &h);
      dpi = 72.0 * sqrt (((double) archlane_w * archlane_h) / ((double) w * h));

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *name = g_strdup_printf ("graphviz.%s", formats[f]);
          g_autofree char *out = g_build_filename (dir, name, NULL);
          g_autofree char *type = g_strdup_printf ("-T%s", formats[f]);
          g_autofree char *out_flag = g_strdup_printf ("-o%s", out);
          const char *cmd[] = { neato, "-n2", type, out_flag, dot_1k, NULL };

          write_dot (document, dot_1k, strcmp (formats[f], "png") == 0 ? dpi : 72.0);
          theirs[f] = time_command (cmd, out, runs, &theirs_cpu[f]);
          if (strcmp (formats[f], "png") == 0)
            {
              png_size (out, &w, &h);
              printf ("  png sizes: archlane %u × %u, graphviz %u × %u (at %.0f DPI)\n",
                      archlane_w, archlane_h, w, h, dpi);
            }
        }
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        printf ("  %-4s %10.3f %10.3f %8.2f   %10.3f %10.3f %8.2f  %s (goal ratio <= %.1f)\n",
                formats[f], ours[f], theirs[f], ours[f] / theirs[f], ours_cpu[f], theirs_cpu[f],
                ours_cpu[f] / theirs_cpu[f], ours[f] / theirs[f] <= GOAL_RATIO ? "ok" : "SLOWER",
                GOAL_RATIO);
    }
  else
    {
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        printf ("  %-4s %10.3f %10s %8s   %10.3f\n", formats[f], ours[f], "-", "-", ours_cpu[f]);
      printf ("  neato (graphviz) not found: no comparison\n");
    }

  large = write_document (5000, 10000, doc_5k);
  {
    g_autofree char *out = g_build_filename (dir, "g5000.svg", NULL);
    const char *cmd[] = { cli, "export", doc_5k, "-o", out, NULL };
    double cpu;
    double seconds = time_command (cmd, out, runs, &cpu);

    printf ("bench-export: 5,000 components, %u dependencies to SVG: %.3f s wall, %.3f s cpu "
            "(goal <= %.1f s) %s\n",
            g_list_model_get_n_items (al_document_get_dependencies (large)), seconds, cpu,
            GOAL_5K_SVG_S, seconds <= GOAL_5K_SVG_S ? "ok" : "SLOWER");
  }

  if (keep)
    printf ("bench-export: inputs and outputs kept in %s\n", dir);
  else
    al_test_rmtree (dir);
  return EXIT_SUCCESS;
}
