/* test-image-ref: image references normalised as Docker does */
#include <string.h>

#include "al-image-ref.h"
#include "al-net-error.h"

#define D64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

typedef struct
{
  const char *text;
  const char *registry;
  const char *repository;
  const char *tag;
  const char *digest;
  const char *canonical;
  const char *api_host;
  gboolean loopback;
} ValidCase;

static const ValidCase valid_cases[] = {
  { "nginx", "docker.io", "library/nginx", "latest", NULL, "docker.io/library/nginx:latest",
    "registry-1.docker.io", FALSE },
  { "nginx:1.25-alpine", "docker.io", "library/nginx", "1.25-alpine", NULL,
    "docker.io/library/nginx:1.25-alpine", "registry-1.docker.io", FALSE },
  { "user/app:tag", "docker.io", "user/app", "tag", NULL, "docker.io/user/app:tag",
    "registry-1.docker.io", FALSE },
  { "docker.io/nginx", "docker.io", "library/nginx", "latest", NULL,
    "docker.io/library/nginx:latest", "registry-1.docker.io", FALSE },
  { "index.docker.io/library/redis:7", "docker.io", "library/redis", "7", NULL,
    "docker.io/library/redis:7", "registry-1.docker.io", FALSE },
  { "registry:5000/ns/app@sha256:" D64, "registry:5000", "ns/app", NULL, "sha256:" D64,
    "registry:5000/ns/app@sha256:" D64, "registry:5000", FALSE },
  { "quay.io/ns/app:v1@sha256:" D64, "quay.io", "ns/app", "v1", "sha256:" D64,
    "quay.io/ns/app:v1@sha256:" D64, "quay.io", FALSE },
  { "localhost/app", "localhost", "app", "latest", NULL, "localhost/app:latest", "localhost",
    TRUE },
  { "localhost:5000/team/app:2", "localhost:5000", "team/app", "2", NULL,
    "localhost:5000/team/app:2", "localhost:5000", TRUE },
  { "127.0.0.1:41234/arch/multi:v1", "127.0.0.1:41234", "arch/multi", "v1", NULL,
    "127.0.0.1:41234/arch/multi:v1", "127.0.0.1:41234", TRUE },
  { "[::1]:5000/app", "[::1]:5000", "app", "latest", NULL, "[::1]:5000/app:latest",
    "[::1]:5000", TRUE },
  /* Without a '/', "localhost:5000" is the image localhost, tag 5000. */
  { "localhost:5000", "docker.io", "library/localhost", "5000", NULL,
    "docker.io/library/localhost:5000", "registry-1.docker.io", FALSE },
  /* An upper-case first component can only be a host. */
  { "Registry/app", "Registry", "app", "latest", NULL, "Registry/app:latest", "Registry", FALSE },
  { "ghcr.io/a-b/c_d/e.f/g__h/i--j:Tag_1.0-x", "ghcr.io", "a-b/c_d/e.f/g__h/i--j", "Tag_1.0-x",
    NULL, "ghcr.io/a-b/c_d/e.f/g__h/i--j:Tag_1.0-x", "ghcr.io", FALSE },
  { "busybox:1.36", "docker.io", "library/busybox", "1.36", NULL,
    "docker.io/library/busybox:1.36", "registry-1.docker.io", FALSE },
  { "app@sha512:" D64 D64, "docker.io", "library/app", NULL, "sha512:" D64 D64,
    "docker.io/library/app@sha512:" D64 D64, "registry-1.docker.io", FALSE },
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (AlImageRef) ref = al_image_ref_parse (c->text, &error);
      g_autoptr (AlImageRef) copy = NULL;
      g_autofree char *canonical = NULL;
      g_autoptr (AlImageRef) again = NULL;
      g_autofree char *canonical_again = NULL;

      if (ref == NULL)
        g_error ("“%s” refused: %s", c->text, error->message);
      g_assert_cmpstr (ref->registry, ==, c->registry);
      g_assert_cmpstr (ref->repository, ==, c->repository);
      g_assert_cmpstr (ref->tag, ==, c->tag);
      g_assert_cmpstr (ref->digest, ==, c->digest);
      canonical = al_image_ref_to_string (ref);
      g_assert_cmpstr (canonical, ==, c->canonical);
      g_assert_cmpstr (al_image_ref_get_api_host (ref), ==, c->api_host);
      g_assert_cmpint (al_image_ref_is_loopback (ref), ==, c->loopback);
      g_assert_cmpstr (al_image_ref_get_reference (ref), ==, c->digest ? c->digest : c->tag);

      /* The canonical form reads back to itself. */
      again = al_image_ref_parse (canonical, &error);
      g_assert_no_error (error);
      canonical_again = al_image_ref_to_string (again);
      g_assert_cmpstr (canonical_again, ==, canonical);

      copy = al_image_ref_copy (ref);
      g_assert_cmpstr (copy->repository, ==, ref->repository);
    }
}

typedef struct
{
  const char *text;
  const char *mentions; /* a piece of the message that says what is wrong */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "", "empty" },
  { "Nginx", "lower case" },
  { "docker.io/Library/nginx", "lower case" },
  { "user/App:1", "lower case" },
  { "nginx:", "tag" },
  { "nginx:-x", "tag" },
  { "nginx:.x", "tag" },
  { "nginx:a b", "tag" },
  { "nginx:"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "128" },
  { "nginx@sha256:abc", "digest" },
  { "nginx@sha256:" D64 "0", "digest" },
  { "nginx@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "digest" },
  { "nginx@md5:0123456789abcdef0123456789abcdef", "digest" },
  { "nginx@", "digest" },
  { D64, "image ID" },
  { "-app", "repository" },
  { "app-", "repository" },
  { "a..b", "repository" },
  { "a___b", "repository" },
  { "ns//app", "repository" },
  { "app/", "repository" },
  { "my_registry.local:/app", "registry host" },
  { "reg-.io/app", "registry host" },
  { "[zz]:5000/app", "registry host" },
  { "host:5x/app", "registry host" },
  { " nginx", "repository" },
  { "ngi nx", "repository" },
  { "ex.com/app:1:2", "tag" },
};

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (AlImageRef) ref = al_image_ref_parse (c->text, &error);

      if (ref != NULL)
        g_error ("“%s” accepted as %s/%s", c->text, ref->registry, ref->repository);
      g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_REFERENCE);
      if (strstr (error->message, c->mentions) == NULL)
        g_error ("the message for “%s” does not mention “%s”: %s", c->text, c->mentions,
                 error->message);
      /* The message quotes what the user wrote. */
      if (*c->text != '\0')
        g_assert_nonnull (strstr (error->message, c->text));
    }
}

static void
test_name_length (void)
{
  g_autoptr (GString) long_name = g_string_new ("example.com/");
  g_autoptr (GError) error = NULL;
  g_autoptr (AlImageRef) ref = NULL;

  while (long_name->len < 250)
    g_string_append (long_name, "abcdefghi/");
  g_string_append (long_name, "last");
  ref = al_image_ref_parse (long_name->str, &error);
  g_assert_null (ref);
  g_assert_error (error, AL_NET_ERROR, AL_NET_ERROR_INVALID_REFERENCE);
  g_assert_nonnull (strstr (error->message, "255"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/image-ref/valid", test_valid);
  g_test_add_func ("/image-ref/invalid", test_invalid);
  g_test_add_func ("/image-ref/name-length", test_name_length);
  return g_test_run ();
}
