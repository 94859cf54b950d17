/* archlane-cli export FILE -o OUT.png|svg|pdf: a topology image */
#include <glib/gi18n.h>
#include <string.h>

#include "al-cli.h"
#include "al-export.h"

static gboolean
parse_number (const char *option, const char *text, double min, double max, double *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value >= min && value <= max))
    {
      al_cli_error (_("%s must be a number from %g to %g, not “%s”"), option, min, max, text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* See the end of al_cli_export(). */
static AlDocument *kept_until_exit;

int
al_cli_export (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *scale_text = NULL;
  g_autofree char *dpi_text = NULL;
  g_autofree char *theme_name = NULL;
  gboolean transparent = FALSE;
  gboolean no_legend = FALSE;
  gboolean no_title = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the image to FILE; its extension (.png, .svg or .pdf) is the format"),
      N_("FILE") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("PNG only: multiply the size in pixels by N, from 1 to 4 (default 1)"), "N" },
    { "dpi", 0, 0, G_OPTION_ARG_STRING, &dpi_text,
      N_("PNG only: the resolution written into the file (default 96)"), "N" },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &transparent,
      N_("Leave the background transparent"), NULL },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_name,
      N_("Draw with the light (default) or the dark colours"), "light|dark" },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend,
      N_("Leave out the legend of lanes and edges"), NULL },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &no_title,
      N_("Leave out the title block (application name and date)"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlDocument) document = NULL;
  AlExportOptions options;
  AlExportFonts *fonts;
  double scale = 1.0, dpi = 0.0;
  gboolean written;

  g_set_prgname ("archlane-cli export");
  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    context, _("Draws a document as the editor shows it, with a title block and a legend, into a "
               "PNG, SVG or PDF image. PNG and SVG images carry the document: archlane and "
               "archlane-cli open them like .archlane files.\n\n"
               "Exits with 0 when the image is written and 2 when the document cannot be read or "
               "the image cannot be written."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (argc != 2)
    {
      al_cli_error ("%s", argc < 2 ? _("export needs the FILE to draw")
                                   : _("export draws one FILE at a time"));
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (output == NULL || *output == '\0')
    {
      al_cli_error ("%s", _("export needs the image to write: -o FILE.png, FILE.svg or FILE.pdf"));
      return AL_CLI_EXIT_UNREADABLE;
    }

  al_export_options_init (&options);
  if (!al_export_format_from_path (output, &options.format, &error))
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (!parse_number ("--scale", scale_text, AL_EXPORT_MIN_SCALE, AL_EXPORT_MAX_SCALE, &scale)
      || !parse_number ("--dpi", dpi_text, AL_EXPORT_MIN_DPI, AL_EXPORT_MAX_DPI, &dpi))
    return AL_CLI_EXIT_UNREADABLE;
  if (dpi != (int) dpi)
    {
      al_cli_error (_("%s must be a whole number, not “%s”"), "--dpi", dpi_text);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (theme_name != NULL && strcmp (theme_name, "light") != 0 && strcmp (theme_name, "dark") != 0)
    {
      al_cli_error (_("unknown theme “%s”; use light or dark"), theme_name);
      return AL_CLI_EXIT_UNREADABLE;
    }
  if (options.format != AL_EXPORT_FORMAT_PNG && (scale_text != NULL || dpi_text != NULL))
    g_printerr (_("archlane-cli: note: --scale and --dpi apply to PNG images only; “%s” is "
                  "vector\n"),
                output);

  options.scale = scale;
  options.dpi = (int) dpi;
  options.transparent = transparent;
  options.dark = theme_name != NULL && strcmp (theme_name, "dark") == 0;
  options.legend = !no_legend;
  options.title_block = !no_title;
  options.leave_to_exit = TRUE;

  fonts = al_export_fonts_prepare ();
  document = al_cli_load_document (argv[1]);
  al_export_fonts_finish (fonts);
  if (document == NULL)
    return AL_CLI_EXIT_UNREADABLE;

  written = al_export_document (document, &options, output, &error);
  /* The process ends here: freeing the document's thousands of objects
   * would take a tenth of the export's time. It stays reachable, so leak
   * checkers do not count it; so do the picture and the fonts. */
  kept_until_exit = g_steal_pointer (&document);
  if (!written)
    {
      al_cli_error ("%s", error->message);
      return AL_CLI_EXIT_UNREADABLE;
    }
  g_printerr (_("Wrote “%s”\n"), output);
  return AL_CLI_EXIT_OK;
}
