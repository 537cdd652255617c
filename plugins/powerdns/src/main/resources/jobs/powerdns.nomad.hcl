# One data centre's PowerDNS authoritative server, as the `powerdns` DNS plugin renders it: the
# bind backend serving the scenario's zone from the plugin's zone file, whose LUA record answers
# the data centre's own healthy servers first and else the nearest data centre's. Bound to the
# data centre's DNS address (the hosting plugin's `dns.address`) on the DNS port, UDP and TCP.
#
# Rendered by booty deploy; booty sets the job id (SCENARIO-dns-DC). Registered in Consul with a
# check that reads the zone through PowerDNS's own API on the same address: it passes only while
# the server answers and its backend serves the zone (a stopped or frozen server fails it).
#
# `config` (pdns.conf) finds the task folder through the template's `env`; the zone file is copied
# as it is (its LUA record holds `{{` that templates must not read). When the task starts it copies
# that zone into the plugin's folder for the data centre (`state_dir`, a stable host path), as
# `serving.db` and as `zone.db`, the file named.conf points at, then execs pdns_server with its
# control socket there too: the plugin's dns-stale fault rewrites `zone.db` and reloads it, its heal
# restores `serving.db`; a restarted task always serves the rendered zone again.

variable "data_center" {
  type = string
}

variable "dc" {
  type        = string
  description = "the scenario's name of the data centre"
}

variable "service" {
  type        = string
  description = "the Consul service the server registers as"
}

variable "address" {
  type        = string
  description = "the data centre's DNS address"
}

variable "ports" {
  type = object({
    dns = number
    api = number
  })
  default = {
    dns = 53
    api = 8081
  }
}

variable "binary" {
  type        = string
  description = "the installed pdns_server (booty's wrapper of Debian's)"
}

variable "zone_name" {
  type = string
}

variable "api_key" {
  type = string
}

variable "config" {
  type = string
}

variable "named" {
  type = string
}

variable "state_dir" {
  type        = string
  description = "the plugin's folder for this data centre's server on the host"
}

variable "zone" {
  type = string
}

job "powerdns" {
  datacenters = [var.data_center]
  type        = "service"

  meta {
    booty_role = "dns"
    booty_dc   = var.dc
  }

  update {
    max_parallel      = 1
    health_check      = "checks"
    min_healthy_time  = "2s"
    healthy_deadline  = "60s"
    progress_deadline = "120s"
  }

  group "pdns" {
    restart {
      attempts = 5
      interval = "2m"
      delay    = "2s"
      mode     = "delay"
    }

    service {
      name     = var.service
      provider = "consul"
      address  = var.address
      port     = var.ports.dns
      tags     = ["booty", "dns", "dc-${var.dc}"]

      meta {
        dc   = var.dc
        zone = var.zone_name
      }

      check {
        name     = "zone"
        type     = "http"
        port     = var.ports.api
        path     = "/api/v1/servers/localhost/zones/${var.zone_name}."
        interval = "2s"
        timeout  = "1s"

        header {
          X-API-Key = [var.api_key]
        }
      }
    }

    task "pdns_server" {
      driver = "raw_exec"

      config {
        command = "/bin/sh"
        # $1 the plugin's folder, $2 the task's, $3 pdns_server; exec, so signals reach pdns itself
        args = [
          "-c",
          "mkdir -p \"$1\" && cp \"$2/zone.db\" \"$1/serving.db\" && cp \"$2/zone.db\" \"$1/zone.db\" && exec \"$3\" --config-dir=\"$2\" --socket-dir=\"$1\"",
          "pdns_server",
          var.state_dir,
          "${NOMAD_TASK_DIR}",
          var.binary,
        ]
      }

      template {
        data        = var.config
        destination = "local/pdns.conf"
        change_mode = "restart"
      }

      template {
        data        = var.named
        destination = "local/named.conf"
        change_mode = "restart"
      }

      template {
        data            = var.zone
        destination     = "local/zone.db"
        change_mode     = "restart"
        left_delimiter  = "[[booty-no-template"
        right_delimiter = "booty-no-template]]"
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}
