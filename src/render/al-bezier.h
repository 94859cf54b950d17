/* al-bezier.h: cubic Bézier helpers shared by the scene and the renderer */
#pragma once

#include <math.h>
#include <graphene.h>

G_BEGIN_DECLS

/* Edges are stroked 1.5–3 units wide and end in an arrowhead this long and
 * this wide at its base (scene units); the scene's bounds and the
 * renderer's drawing agree on these. */
#define AL_BEZIER_ARROW_LENGTH 11.0
#define AL_BEZIER_ARROW_WIDTH  9.0
/* Segments of the polyline that approximates a curve for hit tests and the
 * spatial index: fine enough that the polyline is within a unit of the
 * curve for the curves the scene makes. */
#define AL_BEZIER_SEGMENTS     24

static inline void
al_bezier_point (const graphene_point_t *p0, const graphene_point_t *p1,
                 const graphene_point_t *p2, const graphene_point_t *p3,
                 double t, graphene_point_t *out)
{
  double u = 1.0 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  out->x = a * p0->x + b * p1->x + c * p2->x + d * p3->x;
  out->y = a * p0->y + b * p1->y + c * p2->y + d * p3->y;
}

/* The extrema of one coordinate of a cubic: roots of its derivative in
 * (0, 1), so bounds are exact rather than the control polygon's. */
static inline void
al_bezier_extend_axis (double p0, double p1, double p2, double p3, double *lo, double *hi)
{
  double a = -p0 + 3 * p1 - 3 * p2 + p3;
  double b = 2 * (p0 - 2 * p1 + p2);
  double c = p1 - p0;
  double roots[2];
  int n = 0;

  if (fabs (a) < 1e-9)
    {
      if (fabs (b) > 1e-9)
        roots[n++] = -c / b;
    }
  else
    {
      double disc = b * b - 4 * a * c;

      if (disc >= 0)
        {
          double s = sqrt (disc);
          roots[n++] = (-b + s) / (2 * a);
          roots[n++] = (-b - s) / (2 * a);
        }
    }

  *lo = MIN (p0, p3);
  *hi = MAX (p0, p3);
  for (int i = 0; i < n; i++)
    {
      double t = roots[i], u = 1 - t, v;

      if (t <= 0 || t >= 1)
        continue;
      v = u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
    }
}

static inline void
al_bezier_bounds (const graphene_point_t *p0, const graphene_point_t *p1,
                  const graphene_point_t *p2, const graphene_point_t *p3,
                  graphene_rect_t *out)
{
  double x0, x1, y0, y1;

  al_bezier_extend_axis (p0->x, p1->x, p2->x, p3->x, &x0, &x1);
  al_bezier_extend_axis (p0->y, p1->y, p2->y, p3->y, &y0, &y1);
  graphene_rect_init (out, x0, y0, x1 - x0, y1 - y0);
}

/* Squared distance from @p to the segment @a–@b. */
static inline double
al_segment_distance2 (const graphene_point_t *p, const graphene_point_t *a,
                      const graphene_point_t *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / len2 : 0;
  double ex, ey;

  t = CLAMP (t, 0.0, 1.0);
  ex = a->x + t * dx - p->x;
  ey = a->y + t * dy - p->y;
  return ex * ex + ey * ey;
}

/* Whether the segment @a–@b meets @rect (Liang–Barsky clipping). */
static inline gboolean
al_segment_intersects_rect (const graphene_point_t *a, const graphene_point_t *b,
                            const graphene_rect_t *rect)
{
  double t0 = 0, t1 = 1;
  double dx = b->x - a->x, dy = b->y - a->y;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { a->x - rect->origin.x, rect->origin.x + rect->size.width - a->x,
                  a->y - rect->origin.y, rect->origin.y + rect->size.height - a->y };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
        }
      else
        {
          double r = q[i] / p[i];

          if (p[i] < 0)
            t0 = MAX (t0, r);
          else
            t1 = MIN (t1, r);
          if (t0 > t1)
            return FALSE;
        }
    }
  return TRUE;
}

/* The part of the curve from 0 to @t, as a cubic of its own (de Casteljau):
 * the same points, so a stroke stopped short still follows the edge the
 * scene hit-tests. */
static inline void
al_bezier_head (const graphene_point_t *p0, const graphene_point_t *p1,
                const graphene_point_t *p2, const graphene_point_t *p3, double t,
                graphene_point_t out[4])
{
  graphene_point_t a, b, c, d, e;

  graphene_point_interpolate (p0, p1, t, &a);
  graphene_point_interpolate (p1, p2, t, &b);
  graphene_point_interpolate (p2, p3, t, &c);
  graphene_point_interpolate (&a, &b, t, &d);
  graphene_point_interpolate (&b, &c, t, &e);
  out[0] = *p0;
  out[1] = a;
  out[2] = d;
  graphene_point_interpolate (&d, &e, t, &out[3]);
}

/* The parameter at which the curve is about @distance from its end. */
static inline double
al_bezier_t_before_end (const graphene_point_t *p0, const graphene_point_t *p1,
                        const graphene_point_t *p2, const graphene_point_t *p3, double distance)
{
  double lo = 0, hi = 1;

  if (graphene_point_distance (p0, p3, NULL, NULL) <= distance)
    return 1;
  for (int i = 0; i < 16; i++)
    {
      double mid = (lo + hi) / 2;
      graphene_point_t q;

      al_bezier_point (p0, p1, p2, p3, mid, &q);
      if (graphene_point_distance (&q, p3, NULL, NULL) > distance)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The unit tangent at the end of the curve (the arrow's direction). */
static inline void
al_bezier_end_direction (const graphene_point_t *p0, const graphene_point_t *p1,
                         const graphene_point_t *p2, const graphene_point_t *p3,
                         double *dx, double *dy)
{
  const graphene_point_t *from = p2;
  double len;

  if (fabs (p3->x - p2->x) < 1e-6 && fabs (p3->y - p2->y) < 1e-6)
    from = fabs (p3->x - p1->x) < 1e-6 && fabs (p3->y - p1->y) < 1e-6 ? p0 : p1;
  *dx = p3->x - from->x;
  *dy = p3->y - from->y;
  len = sqrt (*dx * *dx + *dy * *dy);
  if (len < 1e-6)
    {
      *dx = 1;
      *dy = 0;
      return;
    }
  *dx /= len;
  *dy /= len;
}

G_END_DECLS
