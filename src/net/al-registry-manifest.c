/* al-registry-manifest.c: reading OCI and Docker manifests, image
 * configurations and token answers */
#include "al-registry-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "al-net-error.h"

static JsonObject *
parse_object (JsonParser *parser, GBytes *body)
{
  JsonNode *root;

  if (body == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                      (gssize) g_bytes_get_size (body), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
                 && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

static JsonObject *
member_object (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* "os/arch[/variant]", or NULL for none or for unknown/unknown (the build
 * attestations BuildKit adds to an index). */
static char *
platform_string (JsonObject *platform)
{
  const char *os = member_string (platform, "os");
  const char *arch = member_string (platform, "architecture");
  const char *variant = member_string (platform, "variant");

  if (os == NULL || arch == NULL || *os == '\0' || *arch == '\0'
      || (strcmp (os, "unknown") == 0 && strcmp (arch, "unknown") == 0))
    return NULL;
  if (variant != NULL && *variant != '\0')
    return g_strdup_printf ("%s/%s/%s", os, arch, variant);
  return g_strdup_printf ("%s/%s", os, arch);
}

static GStrv
index_platforms (JsonArray *manifests)
{
  GPtrArray *platforms = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (manifests); i++)
    {
      JsonNode *entry = json_array_get_element (manifests, i);
      JsonObject *descriptor = JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
      JsonObject *annotations = member_object (descriptor, "annotations");
      char *text;

      if (g_strcmp0 (member_string (annotations, "vnd.docker.reference.type"),
                     "attestation-manifest")
          == 0)
        continue;
      text = platform_string (member_object (descriptor, "platform"));
      if (text == NULL || g_ptr_array_find_with_equal_func (platforms, text, g_str_equal, NULL))
        {
          g_free (text);
          continue;
        }
      g_ptr_array_add (platforms, text);
    }
  g_ptr_array_add (platforms, NULL);
  return (GStrv) g_ptr_array_free (platforms, FALSE);
}

static gboolean
is_media (const char *content_type, JsonObject *object, const char *media)
{
  return g_strcmp0 (content_type, media) == 0
         || g_strcmp0 (member_string (object, "mediaType"), media) == 0;
}

gboolean
al_registry_read_manifest (GBytes *body, const char *content_type, const char *reference,
                           GStrv *platforms, char **config_digest, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (parser, body);
  JsonNode *manifests;
  const char *digest;

  *platforms = NULL;
  *config_digest = NULL;
  if (object == NULL)
    {
      g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_RESPONSE,
                   _("The registry sent a manifest for “%s” that is not a JSON object."),
                   reference);
      return FALSE;
    }

  manifests = json_object_get_member (object, "manifests");
  if (is_media (content_type, object, AL_MEDIA_OCI_INDEX)
      || is_media (content_type, object, AL_MEDIA_DOCKER_LIST)
      || (manifests != NULL && !json_object_has_member (object, "config")))
    {
      if (manifests == NULL || !JSON_NODE_HOLDS_ARRAY (manifests))
        {
          g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_RESPONSE,
                       _("The image index of “%s” has no list of manifests."), reference);
          return FALSE;
        }
      *platforms = index_platforms (json_node_get_array (manifests));
      return TRUE;
    }

  digest = member_string (member_object (object, "config"), "digest");
  if (digest != NULL)
    {
      *config_digest = g_strdup (digest);
      return TRUE;
    }
  if (member_string (object, "architecture") != NULL)
    {
      /* Docker schema 1: Linux only, the architecture at the top. */
      *platforms = g_new0 (char *, 2);
      (*platforms)[0] = g_strdup_printf ("linux/%s", member_string (object, "architecture"));
      return TRUE;
    }
  g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_RESPONSE,
               _("The registry sent a manifest of an unknown kind (%s) for “%s”."),
               content_type ? content_type : "?", reference);
  return FALSE;
}

char *
al_registry_read_config (GBytes *body, const char *reference, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (parser, body);
  char *platform = object != NULL ? platform_string (object) : NULL;

  if (platform == NULL)
    g_set_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_RESPONSE,
                 _("The configuration of “%s” does not name its operating system and "
                   "architecture."),
                 reference);
  return platform;
}

gboolean
al_registry_digest_matches (GBytes *body, const char *digest)
{
  GChecksumType type;
  g_autofree char *actual = NULL;
  const char *colon = strchr (digest, ':');

  if (g_str_has_prefix (digest, "sha256:"))
    type = G_CHECKSUM_SHA256;
  else if (g_str_has_prefix (digest, "sha384:"))
    type = G_CHECKSUM_SHA384;
  else if (g_str_has_prefix (digest, "sha512:"))
    type = G_CHECKSUM_SHA512;
  else
    return TRUE;
  actual = g_compute_checksum_for_bytes (type, body);
  return colon != NULL && g_ascii_strcasecmp (actual, colon + 1) == 0;
}

char *
al_registry_read_token (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_object (parser, body);
  const char *token = member_string (object, "token");

  if (token == NULL || *token == '\0')
    token = member_string (object, "access_token");
  return token != NULL && *token != '\0' ? g_strdup (token) : NULL;
}
