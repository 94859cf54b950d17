/* al-net-error.c: the GError domain of the net layer */
#include "al-net-error.h"

#include <gio/gio.h>

G_DEFINE_QUARK (al-net-error-quark, al_net_error)

AlNetError
al_net_error_code_from_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, AL_NET_ERROR_FAILED);

  if (error->domain == AL_NET_ERROR)
    return (AlNetError) error->code;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return AL_NET_ERROR_CANCELLED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return AL_NET_ERROR_TIMEOUT;
  if (error->domain == G_TLS_ERROR)
    return AL_NET_ERROR_TLS;
  if (error->domain == G_RESOLVER_ERROR)
    return AL_NET_ERROR_CONNECTION;
  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_BROKEN_PIPE:
        case G_IO_ERROR_HOST_NOT_FOUND:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_NOT_CONNECTED:
        case G_IO_ERROR_PROXY_FAILED:
        case G_IO_ERROR_PARTIAL_INPUT:
          return AL_NET_ERROR_CONNECTION;
        default:
          break;
        }
    }
  return AL_NET_ERROR_FAILED;
}
