# One emulated data centre of the `local` hosting plugin: a Consul client agent and a Nomad client
# agent (datacenter = the DC's name) on the DC's own loopback address, run by the stack's Nomad.
# Both run in a mount namespace of their own whose /etc/hosts is the DC's view of the world (and whose
# /etc/resolv.conf its resolver: the machine's, or the DC's own DNS server when a scenario has one): other
# DCs' servers resolve to this DC's end of their WAN links (see local-wan.nomad.hcl), so every task
# the DC's Nomad client runs reaches other DCs through the emulated WAN only.
#
# Rendered by booty deploy; booty sets the job id (SCENARIO-dc-DC) and fills `nomad`, `consul`.

variable "nomad" {
  type        = string
  description = "path of the nomad binary (booty fills it in)"
}

variable "consul" {
  type        = string
  description = "path of the consul binary (booty fills it in)"
}

variable "data_center" {
  type        = string
  description = "the emulated data centre, e.g. london"
}

variable "nomad_config" {
  type = string
}

variable "consul_config" {
  type = string
}

variable "consul_http" {
  type        = string
  description = "the DC's Consul HTTP address, e.g. http://127.77.1.1:8500: the Nomad client waits for it"
}

variable "consul_ca" {
  type        = string
  description = "booty's CA, which the DC's Consul agent's HTTPS certificate is checked against (empty: plain HTTP)"
  default     = ""
}

variable "consul_token_file" {
  type        = string
  description = "a read-only Consul token the wait for the Consul agent asks with (empty: none)"
  default     = ""
}

variable "config_digest" {
  type        = string
  description = "SHA-256 of the agents' configs: a changed config changes the job, which restarts them"
  default     = ""
}

variable "hosts_file" {
  type        = string
  description = "the DC's /etc/hosts, bind-mounted over /etc/hosts in the agents' mount namespace"
}

variable "resolv_file" {
  type        = string
  description = "the DC's /etc/resolv.conf, bind-mounted over /etc/resolv.conf in the agents' mount namespace: the machine's own until a DNS plugin serves the DC"
}

variable "datacenters" {
  type        = list(string)
  description = "where the agents run: the stack's own Nomad datacenter"
  default     = ["booty"]
}

job "local-dc" {
  datacenters = var.datacenters
  type        = "service"

  meta {
    booty_role    = "dc-agent"
    booty_dc      = var.data_center
    config_digest = var.config_digest
  }

  group "agents" {
    restart {
      attempts = 10
      interval = "5m"
      delay    = "2s"
      mode     = "delay"
    }

    update {
      health_check     = "task_states"
      min_healthy_time = "2s"
      healthy_deadline  = "60s"
      progress_deadline = "90s"
    }

    task "consul" {
      driver = "raw_exec"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        command = "/usr/bin/unshare"
        args = [
          "--mount", "--propagation", "private", "--",
          "/bin/sh", "-c", "mount --bind \"$0\" /etc/hosts && mount --bind \"$3\" /etc/resolv.conf && exec \"$1\" agent -config-file=\"$2\"",
          var.hosts_file, var.consul, var.consul_config, var.resolv_file,
        ]
      }

      kill_timeout = "10s"

      resources {
        cpu    = 100
        memory = 128
      }
    }

    task "nomad" {
      driver = "raw_exec"

      # Nomad fingerprints its Consul agent at start and, when that agent does not answer yet,
      # only again about 15 s later: jobs that register in Consul cannot be placed until then. So
      # the client starts once its Consul answers (at most 60 s of waiting, then it starts anyway).
      config {
        command = "/usr/bin/unshare"
        args = [
          "--mount", "--propagation", "private", "--",
          "/bin/sh", "-c",
          "i=0; until \"$3\" info -http-addr=\"$4\" >/dev/null 2>&1 || [ $i -ge 300 ]; do i=$((i+1)); sleep 0.2; done; mount --bind \"$0\" /etc/hosts && mount --bind \"$5\" /etc/resolv.conf && exec \"$1\" agent -config=\"$2\"",
          var.hosts_file, var.nomad, var.nomad_config, var.consul, var.consul_http, var.resolv_file,
        ]
      }

      env {
        CONSUL_CACERT          = var.consul_ca
        CONSUL_HTTP_TOKEN_FILE = var.consul_token_file
      }

      kill_timeout = "30s"

      resources {
        cpu    = 100
        memory = 256
      }
    }
  }
}
