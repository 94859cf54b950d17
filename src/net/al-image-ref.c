/* al-image-ref.c: parsing image references (the grammar of
 * distribution/reference, with Docker's normalisation) */
#include "al-image-ref.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "al-net-error.h"

#define DEFAULT_REGISTRY "docker.io"
#define LEGACY_REGISTRY "index.docker.io"
#define DOCKER_HUB_API "registry-1.docker.io"
#define MAX_NAME_LENGTH 255
#define MAX_TAG_LENGTH 128

G_DEFINE_BOXED_TYPE (AlImageRef, al_image_ref, al_image_ref_copy, al_image_ref_free)

static gboolean G_GNUC_PRINTF (3, 4)
fail (const char *text, GError **error, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_REFERENCE,
               _("“%s” is not a valid image reference: %s"), text, reason);
  return FALSE;
}

static gboolean
is_lower_alnum (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static gboolean
is_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* alpha-numeric (separator alpha-numeric)*, where a separator is "_", ".",
 * "__" or one or more "-". */
static gboolean
is_path_component (const char *s, gsize len)
{
  gsize i = 0;

  if (len == 0 || !is_lower_alnum (s[0]) || !is_lower_alnum (s[len - 1]))
    return FALSE;
  while (i < len)
    {
      gsize run = 0;

      if (is_lower_alnum (s[i]))
        {
          i++;
          continue;
        }
      if (s[i] == '-')
        {
          while (i < len && s[i] == '-')
            i++;
          continue;
        }
      while (i + run < len && (s[i + run] == '_' || s[i + run] == '.'))
        run++;
      if (!(run == 1 || (run == 2 && s[i] == '_' && s[i + 1] == '_')))
        return FALSE;
      i += run;
    }
  return TRUE;
}

/* host [":" port], host a domain name or a bracketed IPv6 address. */
static gboolean
is_registry (const char *s)
{
  const char *port = NULL;
  const char *p = s;

  if (*p == '[')
    {
      const char *end = strchr (p, ']');

      if (end == NULL || end == p + 1)
        return FALSE;
      for (const char *q = p + 1; q < end; q++)
        if (!g_ascii_isxdigit (*q) && *q != ':')
          return FALSE;
      p = end + 1;
      if (*p != '\0' && *p != ':')
        return FALSE;
    }
  else
    {
      /* domain-component ("." domain-component)* */
      const char *start = p;

      while (*p != '\0' && *p != ':')
        {
          const char *begin = p;

          while (g_ascii_isalnum (*p) || *p == '-')
            p++;
          if (p == begin || *begin == '-' || p[-1] == '-')
            return FALSE;
          if (*p == '.')
            p++;
          else if (*p != '\0' && *p != ':')
            return FALSE;
        }
      if (p == start || p[-1] == '.')
        return FALSE;
    }
  if (*p == ':')
    {
      port = p + 1;
      if (*port == '\0')
        return FALSE;
      for (const char *q = port; *q; q++)
        if (!g_ascii_isdigit (*q))
          return FALSE;
    }
  return TRUE;
}

static gboolean
is_tag (const char *s)
{
  gsize len = strlen (s);

  if (len == 0 || len > MAX_TAG_LENGTH || !is_word (s[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!is_word (s[i]) && s[i] != '.' && s[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_digest (const char *s)
{
  static const struct
  {
    const char *algorithm;
    gsize hex_length;
  } known[] = { { "sha256", 64 }, { "sha384", 96 }, { "sha512", 128 } };
  const char *colon = strchr (s, ':');

  if (colon == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      gsize alg_len = strlen (known[i].algorithm);

      if ((gsize) (colon - s) != alg_len || strncmp (s, known[i].algorithm, alg_len) != 0)
        continue;
      if (strlen (colon + 1) != known[i].hex_length)
        return FALSE;
      for (const char *p = colon + 1; *p; p++)
        if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_image_id (const char *s)
{
  if (strlen (s) != 64)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static gboolean
has_upper (const char *s)
{
  for (const char *p = s; *p; p++)
    if (g_ascii_isupper (*p))
      return TRUE;
  return FALSE;
}

AlImageRef *
al_image_ref_parse (const char *text, GError **error)
{
  g_autoptr (AlImageRef) ref = NULL;
  g_autofree char *name = NULL;
  const char *at;
  const char *slash;
  char *colon;
  const char *path;
  const char *first_slash;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0')
    {
      g_set_error_literal (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_REFERENCE,
                           _("The image reference is empty."));
      return NULL;
    }
  if (is_image_id (text))
    {
      fail (text, error, _("this is an image ID; use the image's name and tag, or name@sha256:ID"));
      return NULL;
    }

  ref = g_new0 (AlImageRef, 1);
  at = strchr (text, '@');
  name = at != NULL ? g_strndup (text, at - text) : g_strdup (text);
  if (at != NULL)
    {
      if (!is_digest (at + 1))
        {
          fail (text, error,
                _("the digest “%s” is not valid; write sha256: followed by 64 lower-case "
                  "hexadecimal digits"),
                at + 1);
          return NULL;
        }
      ref->digest = g_strdup (at + 1);
    }

  /* A ':' after the last '/' starts the tag ("localhost:5000/app" has none). */
  slash = strrchr (name, '/');
  colon = strchr (slash != NULL ? slash : name, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      if (!is_tag (colon + 1))
        {
          fail (text, error,
                _("the tag “%s” is not valid; a tag has at most 128 letters, digits, “_”, “.” "
                  "and “-”, and does not start with “.” or “-”"),
                colon + 1);
          return NULL;
        }
      ref->tag = g_strdup (colon + 1);
    }
  else if (ref->digest == NULL)
    ref->tag = g_strdup ("latest");

  /* The first component is a registry when it looks like a host. */
  first_slash = strchr (name, '/');
  if (first_slash != NULL)
    {
      g_autofree char *first = g_strndup (name, first_slash - name);

      if (strpbrk (first, ".:") != NULL || strcmp (first, "localhost") == 0 || has_upper (first))
        {
          if (!is_registry (first))
            {
              fail (text, error, _("“%s” is not a valid registry host"), first);
              return NULL;
            }
          ref->registry = g_steal_pointer (&first);
          path = first_slash + 1;
        }
      else
        path = name;
    }
  else
    path = name;
  if (ref->registry == NULL || strcmp (ref->registry, LEGACY_REGISTRY) == 0)
    {
      g_free (ref->registry);
      ref->registry = g_strdup (DEFAULT_REGISTRY);
    }

  if (has_upper (path))
    {
      fail (text, error, _("the repository name “%s” must be lower case"), path);
      return NULL;
    }
  for (const char *p = path;;)
    {
      const char *end = strchr (p, '/');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);

      if (!is_path_component (p, len))
        {
          fail (text, error,
                _("the repository name “%s” is not valid; use lower-case letters and digits, "
                  "separated by “/”, “.”, “_”, “__” or “-”"),
                path);
          return NULL;
        }
      if (end == NULL)
        break;
      p = end + 1;
    }

  if (strcmp (ref->registry, DEFAULT_REGISTRY) == 0 && strchr (path, '/') == NULL)
    ref->repository = g_strconcat ("library/", path, NULL);
  else
    ref->repository = g_strdup (path);
  if (strlen (ref->registry) + 1 + strlen (ref->repository) > MAX_NAME_LENGTH)
    {
      fail (text, error, _("the name is longer than 255 characters"));
      return NULL;
    }
  return g_steal_pointer (&ref);
}

AlImageRef *
al_image_ref_copy (const AlImageRef *ref)
{
  AlImageRef *copy;

  g_return_val_if_fail (ref != NULL, NULL);

  copy = g_new0 (AlImageRef, 1);
  copy->registry = g_strdup (ref->registry);
  copy->repository = g_strdup (ref->repository);
  copy->tag = g_strdup (ref->tag);
  copy->digest = g_strdup (ref->digest);
  return copy;
}

void
al_image_ref_free (AlImageRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->registry);
  g_free (ref->repository);
  g_free (ref->tag);
  g_free (ref->digest);
  g_free (ref);
}

char *
al_image_ref_to_string (const AlImageRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  return g_strconcat (ref->registry, "/", ref->repository, ref->tag ? ":" : "",
                      ref->tag ? ref->tag : "", ref->digest ? "@" : "",
                      ref->digest ? ref->digest : "", NULL);
}

const char *
al_image_ref_get_reference (const AlImageRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  return ref->digest != NULL ? ref->digest : ref->tag;
}

const char *
al_image_ref_get_api_host (const AlImageRef *ref)
{
  g_return_val_if_fail (ref != NULL, NULL);

  return strcmp (ref->registry, DEFAULT_REGISTRY) == 0 ? DOCKER_HUB_API : ref->registry;
}

gboolean
al_image_ref_is_loopback (const AlImageRef *ref)
{
  g_autofree char *host = NULL;
  const char *registry;

  g_return_val_if_fail (ref != NULL, FALSE);

  registry = ref->registry;
  if (*registry == '[')
    host = g_strndup (registry + 1, strcspn (registry + 1, "]"));
  else
    host = g_strndup (registry, strcspn (registry, ":"));
  if (g_ascii_strcasecmp (host, "localhost") == 0 || strcmp (host, "::1") == 0)
    return TRUE;
  /* 127.0.0.0/8 in dotted form. */
  if (g_str_has_prefix (host, "127."))
    {
      g_autoptr (GInetAddress) address = g_inet_address_new_from_string (host);
      return address != NULL && g_inet_address_get_is_loopback (address);
    }
  return FALSE;
}
