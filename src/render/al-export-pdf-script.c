/* al-export-pdf-script.c: cairo nodes in our PDF, read back from their
 * recording through cairo's script surface: paths, a solid source, line
 * settings, stroke and fill, as al-export-svg-script.c reads them for the
 * SVG. The edges are not read here (the renderer keeps their shapes); this
 * is for the few others, such as the legend's sample edges. Anything else
 * makes the PDF writer give up and let cairo write the page. */
#include <cairo-script.h>
#include <string.h>

#include "al-export-pdf-private.h"

static cairo_status_t
append_script (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  GString *path;        /* PDF operators, until it is painted */
  GdkRGBA  source;
  double   line_width;
  int      cap, join;
  GString *dash;        /* the numbers of the array, "" for none */
  double   dash_offset;
  gboolean even_odd;
} ScriptState;

static void
paint (AlPdfWriter *w, ScriptState *state, gboolean stroke)
{
  GString *out = al_pdf_writer_get_out (w);

  if (state->path->len == 0)
    return;
  al_pdf_writer_set_color (w, &state->source, stroke);
  if (stroke)
    {
      al_pdf_writer_set_line (w, state->line_width, state->cap, state->join);
      al_pdf_writer_set_dash (w, state->dash, state->dash_offset);
    }
  al_pdf_put_len (out, state->path->str, state->path->len);
  if (stroke)
    AL_PDF_PUT (out, "S\n");
  else if (state->even_odd)
    AL_PDF_PUT (out, "f*\n");
  else
    AL_PDF_PUT (out, "f\n");
}

/* The drawing operations GSK's cairo nodes hold here: paths, a solid
 * source, line settings, stroke and fill. FALSE for anything else. The
 * path is kept aside until it is painted: PDF sets no colour inside a
 * path. */
static gboolean
write_script (AlPdfWriter *w, char *script)
{
  double stack[8];
  guint depth = 0;
  char *body = strstr (script, "context\n");
  ScriptState state = { 0 };
  gboolean in_dash = FALSE;
  gboolean known = TRUE;
  char *next;

  if (body == NULL)
    return FALSE;
  /* Tokens split in place. */
  next = body + strlen ("context\n");
  state.path = g_string_new (NULL);
  state.dash = g_string_new (NULL);
  state.source.alpha = 1.0;
  state.line_width = 2.0;

  while (known && *next != '\0')
    {
      char *t = next;
      char *end;
      double value;

      next = t + strcspn (t, " \n");
      if (*next != '\0')
        *next++ = '\0';
      if (*t == '\0')
        continue;
      if (in_dash || *t == '[')
        {
          char *number = *t == '[' ? t + 1 : t;
          gsize length = strlen (number);
          gboolean closes = length > 0 && number[length - 1] == ']';

          if (closes)
            number[--length] = '\0';
          if (!in_dash)
            g_string_truncate (state.dash, 0);
          if (length > 0)
            {
              value = g_ascii_strtod (number, &end);
              if (end == number || *end != '\0')
                {
                  known = FALSE;
                  break;
                }
              al_pdf_put_number (state.dash, value);
            }
          in_dash = !closes;
          continue;
        }
      if ((g_ascii_isdigit (*t) || *t == '-' || *t == '.')
          && (value = g_ascii_strtod (t, &end), end != t && *end == '\0'))
        {
          if (depth == G_N_ELEMENTS (stack))
            {
              known = FALSE;
              break;
            }
          stack[depth++] = value;
          continue;
        }

#define NEED(n) \
  if (depth < (n)) { known = FALSE; break; }
      if (strcmp (t, "n") == 0)
        g_string_truncate (state.path, 0);
      else if (strcmp (t, "m") == 0 || strcmp (t, "l") == 0)
        {
          NEED (2);
          al_pdf_put_point (state.path, stack[depth - 2], stack[depth - 1], t[0] == 'm' ? "m\n" : "l\n");
          depth -= 2;
        }
      else if (strcmp (t, "c") == 0)
        {
          NEED (6);
          al_pdf_put_point (state.path, stack[depth - 6], stack[depth - 5], "");
          al_pdf_put_point (state.path, stack[depth - 4], stack[depth - 3], "");
          al_pdf_put_point (state.path, stack[depth - 2], stack[depth - 1], "c\n");
          depth -= 6;
        }
      else if (strcmp (t, "h") == 0)
        AL_PDF_PUT (state.path, "h\n");
      else if (strcmp (t, "rgb") == 0)
        {
          NEED (3);
          state.source = (GdkRGBA) { stack[depth - 3], stack[depth - 2], stack[depth - 1], 1.0 };
          depth -= 3;
        }
      else if (strcmp (t, "rgba") == 0)
        {
          NEED (4);
          state.source = (GdkRGBA) { stack[depth - 4], stack[depth - 3], stack[depth - 2],
                                     stack[depth - 1] };
          depth -= 4;
        }
      else if (strcmp (t, "set-source") == 0)
        ;
      else if (strcmp (t, "set-line-width") == 0)
        {
          NEED (1);
          state.line_width = stack[--depth];
        }
      else if (strcmp (t, "set-dash") == 0)
        {
          NEED (1);
          state.dash_offset = stack[--depth];
        }
      else if (strcmp (t, "//LINE_JOIN_ROUND") == 0)
        state.join = 1;
      else if (strcmp (t, "//LINE_JOIN_BEVEL") == 0)
        state.join = 2;
      else if (strcmp (t, "//LINE_JOIN_MITER") == 0)
        state.join = 0;
      else if (strcmp (t, "//LINE_CAP_ROUND") == 0)
        state.cap = 1;
      else if (strcmp (t, "//LINE_CAP_SQUARE") == 0)
        state.cap = 2;
      else if (strcmp (t, "//LINE_CAP_BUTT") == 0)
        state.cap = 0;
      else if (strcmp (t, "//EVEN_ODD") == 0 || strcmp (t, "//FILL_RULE_EVEN_ODD") == 0)
        state.even_odd = TRUE;
      else if (strcmp (t, "//WINDING") == 0 || strcmp (t, "//FILL_RULE_WINDING") == 0)
        state.even_odd = FALSE;
      else if (strcmp (t, "set-line-join") == 0 || strcmp (t, "set-line-cap") == 0
               || strcmp (t, "set-fill-rule") == 0)
        ;
      else if (strcmp (t, "stroke+") == 0 || strcmp (t, "stroke") == 0)
        {
          paint (w, &state, TRUE);
          if (t[6] == '\0')
            g_string_truncate (state.path, 0);
        }
      else if (strcmp (t, "fill+") == 0 || strcmp (t, "fill") == 0)
        {
          paint (w, &state, FALSE);
          if (t[4] == '\0')
            g_string_truncate (state.path, 0);
        }
      else if (strcmp (t, "pop") == 0)
        ;
      else
        known = FALSE;
#undef NEED
    }
  g_string_free (state.path, TRUE);
  g_string_free (state.dash, TRUE);
  return known;
}

gboolean
al_pdf_writer_put_cairo_recording (AlPdfWriter *w, GskRenderNode *node)
{
  cairo_surface_t *recording = gsk_cairo_node_get_surface (node);
  g_autoptr (GString) script = NULL;
  cairo_rectangle_t extents;
  cairo_device_t *device;
  cairo_status_t status;
  gboolean known;

  if (recording == NULL)
    return TRUE;
  if (cairo_surface_get_type (recording) != CAIRO_SURFACE_TYPE_RECORDING
      || !cairo_recording_surface_get_extents (recording, &extents))
    return FALSE;
  script = g_string_new (NULL);
  device = cairo_script_create_for_stream (append_script, script);
  status = cairo_script_from_recording_surface (device, recording);
  cairo_device_finish (device);
  cairo_device_destroy (device);
  if (status != CAIRO_STATUS_SUCCESS)
    return FALSE;

  /* The script's coordinates start at the recording's origin. */
  al_pdf_writer_push (w);
  AL_PDF_PUT (al_pdf_writer_get_out (w), "1 0 0 1 ");
  al_pdf_put_point (al_pdf_writer_get_out (w), extents.x, extents.y, "cm\n");
  known = write_script (w, script->str);
  al_pdf_writer_pop (w);
  return known;
}
