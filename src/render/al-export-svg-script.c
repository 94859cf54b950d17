/* al-export-svg-script.c: cairo nodes in our SVG, read back from their
 * recording through cairo's script surface: paths, a solid source, line
 * settings, stroke and fill. Anything else makes the SVG writer give up
 * and let cairo write the page. */
#include <cairo-script.h>
#include <string.h>

#include "al-export-private.h"

static cairo_status_t
append_script (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  GString *path;
  GdkRGBA  source;
  double   line_width;
  const char *join, *cap;
  GString *dash;
  double   dash_offset;
  gboolean even_odd;
} ScriptState;

static void
put_shape (GString *out, ScriptState *state, gboolean stroke)
{
  if (state->path->len == 0)
    return;
  g_string_append (out, "<path d=\"");
  g_string_append_len (out, state->path->str, state->path->len);
  g_string_append_c (out, '"');
  if (stroke)
    {
      g_string_append (out, " fill=\"none\"");
      al_svg_put_paint (out, "stroke", &state->source);
      al_svg_put_attribute_number (out, "stroke-width", state->line_width);
      if (state->join != NULL)
        g_string_append_printf (out, " stroke-linejoin=\"%s\"", state->join);
      if (state->cap != NULL)
        g_string_append_printf (out, " stroke-linecap=\"%s\"", state->cap);
      if (state->dash->len > 0)
        {
          g_string_append_printf (out, " stroke-dasharray=\"%s\"", state->dash->str);
          al_svg_put_attribute_number (out, "stroke-dashoffset", state->dash_offset);
        }
    }
  else
    {
      al_svg_put_paint (out, "fill", &state->source);
      if (state->even_odd)
        g_string_append (out, " fill-rule=\"evenodd\"");
    }
  g_string_append (out, "/>\n");
}

/* The drawing operations GSK's cairo nodes hold here: paths, a solid
 * source, line settings, stroke and fill. FALSE for anything else. */
static gboolean
write_script (GString *out, char *script)
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
  /* Tokens split in place: the script of a large picture is megabytes. */
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
          const char *number = *t == '[' ? t + 1 : t;
          gboolean closes = g_str_has_suffix (t, "]");
          g_autofree char *copy = g_strndup (number, strlen (number) - (closes ? 1 : 0));

          if (!in_dash)
            g_string_truncate (state.dash, 0);
          if (*copy != '\0')
            {
              if (state.dash->len > 0)
                g_string_append_c (state.dash, ' ');
              g_string_append (state.dash, copy);
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
          al_svg_put_point (state.path, t[0] == 'm' ? 'M' : 'L', stack[depth - 2], stack[depth - 1]);
          depth -= 2;
        }
      else if (strcmp (t, "c") == 0)
        {
          NEED (6);
          al_svg_put_point (state.path, 'C', stack[depth - 6], stack[depth - 5]);
          al_svg_put_point (state.path, ' ', stack[depth - 4], stack[depth - 3]);
          al_svg_put_point (state.path, ' ', stack[depth - 2], stack[depth - 1]);
          depth -= 6;
        }
      else if (strcmp (t, "h") == 0)
        g_string_append_c (state.path, 'Z');
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
        state.join = "round";
      else if (strcmp (t, "//LINE_JOIN_BEVEL") == 0)
        state.join = "bevel";
      else if (strcmp (t, "//LINE_JOIN_MITER") == 0)
        state.join = NULL;
      else if (strcmp (t, "//LINE_CAP_ROUND") == 0)
        state.cap = "round";
      else if (strcmp (t, "//LINE_CAP_SQUARE") == 0)
        state.cap = "square";
      else if (strcmp (t, "//LINE_CAP_BUTT") == 0)
        state.cap = NULL;
      else if (strcmp (t, "//EVEN_ODD") == 0 || strcmp (t, "//FILL_RULE_EVEN_ODD") == 0)
        state.even_odd = TRUE;
      else if (strcmp (t, "//WINDING") == 0 || strcmp (t, "//FILL_RULE_WINDING") == 0)
        state.even_odd = FALSE;
      else if (strcmp (t, "set-line-join") == 0 || strcmp (t, "set-line-cap") == 0
               || strcmp (t, "set-fill-rule") == 0)
        ;
      else if (strcmp (t, "stroke+") == 0 || strcmp (t, "stroke") == 0)
        {
          put_shape (out, &state, TRUE);
          if (t[6] == '\0')
            g_string_truncate (state.path, 0);
        }
      else if (strcmp (t, "fill+") == 0 || strcmp (t, "fill") == 0)
        {
          put_shape (out, &state, FALSE);
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
al_export_svg_put_cairo_recording (GString *out, GskRenderNode *node)
{
  cairo_surface_t *recording = gsk_cairo_node_get_surface (node);
  g_autoptr (GString) script = g_string_new (NULL);
  cairo_rectangle_t extents;
  cairo_device_t *device;
  cairo_status_t status;
  gboolean known;

  if (recording == NULL)
    return TRUE;
  if (cairo_surface_get_type (recording) != CAIRO_SURFACE_TYPE_RECORDING
      || !cairo_recording_surface_get_extents (recording, &extents))
    return FALSE;
  device = cairo_script_create_for_stream (append_script, script);
  status = cairo_script_from_recording_surface (device, recording);
  cairo_device_finish (device);
  cairo_device_destroy (device);
  if (status != CAIRO_STATUS_SUCCESS)
    return FALSE;

  /* The script's coordinates start at the recording's origin. */
  g_string_append (out, "<g transform=\"translate(");
  al_svg_put_number (out, extents.x);
  g_string_append_c (out, ' ');
  al_svg_put_number (out, extents.y);
  g_string_append (out, ")\">\n");
  known = write_script (out, script->str);
  g_string_append (out, "</g>\n");
  return known;
}
