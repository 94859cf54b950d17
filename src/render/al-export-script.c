/* al-export-script.c: cairo nodes read back from their recording through
 * cairo's script surface, for the SVG and PDF writers: paths, a solid
 * source, line settings, stroke and fill. The edges are not read here (the
 * renderer keeps their shapes); this is for the few others, such as the
 * legend's sample edges. Anything else makes the writer give up and let
 * cairo write the page. */
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
  GArray             *path;     /* cairo_path_data_t, until it is painted */
  GArray             *dash;     /* double */
  AlExportScriptShape shape;    /* the settings as the script set them */
} ScriptState;

static void
path_add (GArray *path, cairo_path_data_type_t type, const double *points, int n_points)
{
  cairo_path_data_t header;

  header.header.type = type;
  header.header.length = 1 + n_points;
  g_array_append_val (path, header);
  for (int i = 0; i < n_points; i++)
    {
      cairo_path_data_t point;

      point.point.x = points[2 * i];
      point.point.y = points[2 * i + 1];
      g_array_append_val (path, point);
    }
}

static void
paint (const AlExportScriptPainter *painter, gpointer writer, ScriptState *state,
       gboolean stroke)
{
  cairo_path_t path;

  if (state->path->len == 0)
    return;
  path.status = CAIRO_STATUS_SUCCESS;
  path.data = (cairo_path_data_t *) state->path->data;
  path.num_data = (int) state->path->len;
  state->shape.path = &path;
  state->shape.stroke = stroke;
  state->shape.dash = state->dash->len > 0 ? (const double *) state->dash->data : NULL;
  state->shape.n_dash = state->dash->len;
  painter->shape (writer, &state->shape);
  state->shape.path = NULL;
}

/* The drawing operations GSK's cairo nodes hold here: paths, a solid
 * source, line settings, stroke and fill. FALSE for anything else. */
static gboolean
read_script (const AlExportScriptPainter *painter, gpointer writer, char *script)
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
  state.path = g_array_new (FALSE, FALSE, sizeof (cairo_path_data_t));
  state.dash = g_array_new (FALSE, FALSE, sizeof (double));
  /* Cairo's defaults, as the script does not repeat them. */
  state.shape.color.alpha = 1.0;
  state.shape.line_width = 2.0;
  state.shape.cap = CAIRO_LINE_CAP_BUTT;
  state.shape.join = CAIRO_LINE_JOIN_MITER;

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
            g_array_set_size (state.dash, 0);
          if (length > 0)
            {
              value = g_ascii_strtod (number, &end);
              if (end == number || *end != '\0')
                {
                  known = FALSE;
                  break;
                }
              g_array_append_val (state.dash, value);
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
        g_array_set_size (state.path, 0);
      else if (strcmp (t, "m") == 0 || strcmp (t, "l") == 0)
        {
          NEED (2);
          path_add (state.path, t[0] == 'm' ? CAIRO_PATH_MOVE_TO : CAIRO_PATH_LINE_TO,
                    &stack[depth - 2], 1);
          depth -= 2;
        }
      else if (strcmp (t, "c") == 0)
        {
          NEED (6);
          path_add (state.path, CAIRO_PATH_CURVE_TO, &stack[depth - 6], 3);
          depth -= 6;
        }
      else if (strcmp (t, "h") == 0)
        path_add (state.path, CAIRO_PATH_CLOSE_PATH, NULL, 0);
      else if (strcmp (t, "rgb") == 0)
        {
          NEED (3);
          state.shape.color = (GdkRGBA) { stack[depth - 3], stack[depth - 2], stack[depth - 1],
                                          1.0 };
          depth -= 3;
        }
      else if (strcmp (t, "rgba") == 0)
        {
          NEED (4);
          state.shape.color = (GdkRGBA) { stack[depth - 4], stack[depth - 3], stack[depth - 2],
                                          stack[depth - 1] };
          depth -= 4;
        }
      else if (strcmp (t, "set-source") == 0)
        ;
      else if (strcmp (t, "set-line-width") == 0)
        {
          NEED (1);
          state.shape.line_width = stack[--depth];
        }
      else if (strcmp (t, "set-dash") == 0)
        {
          NEED (1);
          state.shape.dash_offset = stack[--depth];
        }
      else if (strcmp (t, "//LINE_JOIN_ROUND") == 0)
        state.shape.join = CAIRO_LINE_JOIN_ROUND;
      else if (strcmp (t, "//LINE_JOIN_BEVEL") == 0)
        state.shape.join = CAIRO_LINE_JOIN_BEVEL;
      else if (strcmp (t, "//LINE_JOIN_MITER") == 0)
        state.shape.join = CAIRO_LINE_JOIN_MITER;
      else if (strcmp (t, "//LINE_CAP_ROUND") == 0)
        state.shape.cap = CAIRO_LINE_CAP_ROUND;
      else if (strcmp (t, "//LINE_CAP_SQUARE") == 0)
        state.shape.cap = CAIRO_LINE_CAP_SQUARE;
      else if (strcmp (t, "//LINE_CAP_BUTT") == 0)
        state.shape.cap = CAIRO_LINE_CAP_BUTT;
      else if (strcmp (t, "//EVEN_ODD") == 0 || strcmp (t, "//FILL_RULE_EVEN_ODD") == 0)
        state.shape.even_odd = TRUE;
      else if (strcmp (t, "//WINDING") == 0 || strcmp (t, "//FILL_RULE_WINDING") == 0)
        state.shape.even_odd = FALSE;
      else if (strcmp (t, "set-line-join") == 0 || strcmp (t, "set-line-cap") == 0
               || strcmp (t, "set-fill-rule") == 0)
        ;
      else if (strcmp (t, "stroke+") == 0 || strcmp (t, "stroke") == 0)
        {
          paint (painter, writer, &state, TRUE);
          /* "stroke+" keeps the path for a fill after it. */
          if (t[6] == '\0')
            g_array_set_size (state.path, 0);
        }
      else if (strcmp (t, "fill+") == 0 || strcmp (t, "fill") == 0)
        {
          paint (painter, writer, &state, FALSE);
          if (t[4] == '\0')
            g_array_set_size (state.path, 0);
        }
      else if (strcmp (t, "pop") == 0)
        ;
      else
        known = FALSE;
#undef NEED
    }
  g_array_unref (state.path);
  g_array_unref (state.dash);
  return known;
}

gboolean
al_export_script_read (GskRenderNode *node, const AlExportScriptPainter *painter,
                       gpointer writer)
{
  cairo_surface_t *recording = gsk_cairo_node_get_surface (node);
  g_autoptr (GString) script = NULL;
  cairo_rectangle_t extents;
  cairo_device_t *device;
  cairo_status_t status;
  gboolean known;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (painter != NULL, FALSE);

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

  painter->begin (writer, extents.x, extents.y);
  known = read_script (painter, writer, script->str);
  painter->end (writer);
  return known;
}
