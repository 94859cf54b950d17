/* al-theme.c: the colours and fonts a scene is drawn with */
#include "al-theme.h"

#include <string.h>

/* Cantarell is GNOME's UI font (present in the Flatpak runtime); Noto Sans
 * CJK SC covers Chinese names and is the fallback for Latin text where
 * Cantarell is missing, so exports look the same on every machine that has
 * it. */
#define AL_THEME_FONT "Cantarell, Noto Sans CJK SC, Noto Sans, sans-serif"

#define RGBA(r, g, b, a) { (r) / 255.f, (g) / 255.f, (b) / 255.f, (a) }

/* libadwaita 1.2: window_bg_color #fafafa / #242424, card_bg_color white /
 * #303030 (here opaque, as cards overlap edges), accent #3584e4 / #78aeed,
 * error #e01b24 / #ff7b63, warning #c88800 / #f8e45c. Cross-arch edges are
 * orange (GNOME orange 5 / 2): noticeable, yet not the red of errors. */
static const AlTheme light_theme = {
  .background = RGBA (0xfa, 0xfa, 0xfa, 1),
  .lane_band = { RGBA (0xf6, 0xf5, 0xf4, 1), RGBA (0xed, 0xec, 0xeb, 1) },
  .lane_header = RGBA (0xe6, 0xe5, 0xe3, 1),
  .lane_border = RGBA (0, 0, 0, 0.10),
  .text = RGBA (0x24, 0x1f, 0x31, 1),
  .text_dim = RGBA (0x5e, 0x5c, 0x64, 1),
  .card = RGBA (0xff, 0xff, 0xff, 1),
  .card_border = RGBA (0, 0, 0, 0.16),
  .accent = RGBA (0x35, 0x84, 0xe4, 1),
  .hover = RGBA (0x35, 0x84, 0xe4, 0.55),
  .error = RGBA (0xe0, 0x1b, 0x24, 1),
  .warning = RGBA (0xe5, 0xa5, 0x0a, 1),
  .edge = RGBA (0x77, 0x76, 0x7b, 1),
  .edge_cross_arch = RGBA (0xc6, 0x46, 0x00, 1),
  .chip = RGBA (0xde, 0xdd, 0xda, 1),
  .font_family = AL_THEME_FONT,
  .dark = FALSE,
};

static const AlTheme dark_theme = {
  .background = RGBA (0x24, 0x24, 0x24, 1),
  .lane_band = { RGBA (0x2a, 0x2a, 0x2a, 1), RGBA (0x20, 0x20, 0x20, 1) },
  .lane_header = RGBA (0x36, 0x36, 0x36, 1),
  .lane_border = RGBA (1, 1, 1, 0.10),
  .text = RGBA (0xff, 0xff, 0xff, 1),
  .text_dim = RGBA (0xc0, 0xbf, 0xbc, 1),
  .card = RGBA (0x30, 0x30, 0x30, 1),
  .card_border = RGBA (1, 1, 1, 0.14),
  .accent = RGBA (0x78, 0xae, 0xed, 1),
  .hover = RGBA (0x78, 0xae, 0xed, 0.55),
  .error = RGBA (0xff, 0x7b, 0x63, 1),
  .warning = RGBA (0xf8, 0xe4, 0x5c, 1),
  .edge = RGBA (0x9a, 0x99, 0x96, 1),
  .edge_cross_arch = RGBA (0xff, 0xa3, 0x48, 1),
  .chip = RGBA (0x45, 0x45, 0x45, 1),
  .font_family = AL_THEME_FONT,
  .dark = TRUE,
};

const AlTheme *
al_theme_get_light (void)
{
  return &light_theme;
}

const AlTheme *
al_theme_get_dark (void)
{
  return &dark_theme;
}

typedef struct
{
  const char *arch;
  guint32 light;
  guint32 dark;
} ArchColor;

/* GNOME palette: blue 3, green 4, orange 3, purple 3, brown 3, and a teal
 * between green and blue; the dark variants are one step lighter so they
 * keep their contrast on #242424. */
static const ArchColor arch_colors[] = {
  { "amd64",   0x3584e4, 0x62a0ea },
  { "arm64",   0x2ec27e, 0x57e389 },
  { "riscv64", 0xff7800, 0xffa348 },
  { "loong64", 0x9141ac, 0xc061cb },
  { "ppc64le", 0x986a44, 0xb5835a },
  { "s390x",   0x1c9f9a, 0x33c7bf },
};

/* For any other arch: a colour from the same palette family, chosen by a
 * hash of the name, so it is the same on every run. */
static const guint32 fallback_colors[] = {
  0xe5a50a, 0xe01b24, 0x613583, 0x1a5fb4, 0x26a269, 0xc64600, 0x865e3c, 0x5e5c64,
};

static void
rgba_from_hex (guint32 hex, GdkRGBA *color)
{
  color->red = ((hex >> 16) & 0xff) / 255.f;
  color->green = ((hex >> 8) & 0xff) / 255.f;
  color->blue = (hex & 0xff) / 255.f;
  color->alpha = 1;
}

void
al_theme_get_arch_color (const AlTheme *theme, const char *arch, GdkRGBA *color)
{
  gboolean dark = theme != NULL && theme->dark;

  g_return_if_fail (color != NULL);

  if (arch == NULL)
    arch = "";
  for (guint i = 0; i < G_N_ELEMENTS (arch_colors); i++)
    if (strcmp (arch, arch_colors[i].arch) == 0)
      {
        rgba_from_hex (dark ? arch_colors[i].dark : arch_colors[i].light, color);
        return;
      }
  rgba_from_hex (fallback_colors[g_str_hash (arch) % G_N_ELEMENTS (fallback_colors)], color);
}
