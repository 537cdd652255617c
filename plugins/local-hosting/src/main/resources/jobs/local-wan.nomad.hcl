# The emulated WAN of the `local` hosting plugin: one Toxiproxy on the scenario's WAN address, run
# by the stack's Nomad. Every path from one DC to a server of another DC is a proxy here, with half
# the pair's round-trip time as latency each way; its proxies are reloaded from `proxies_file` if
# Toxiproxy restarts, and booty puts the latency back on the next deploy.
#
# Rendered by booty deploy; booty sets the job id (SCENARIO-wan) and fills `toxiproxy_server`.

variable "toxiproxy_server" {
  type        = string
  description = "path of the toxiproxy-server binary (booty fills it in)"
}

variable "address" {
  type = string
}

variable "port" {
  type    = number
  default = 8474
}

variable "proxies_file" {
  type = string
}

variable "datacenters" {
  type    = list(string)
  default = ["booty"]
}

job "local-wan" {
  datacenters = var.datacenters
  type        = "service"

  meta {
    booty_role = "wan"
  }

  group "toxiproxy" {
    update {
      health_check     = "task_states"
      min_healthy_time = "1s"
      healthy_deadline  = "30s"
      progress_deadline = "60s"
    }

    task "toxiproxy" {
      driver = "raw_exec"

      config {
        command = var.toxiproxy_server
        args    = ["-host", var.address, "-port", "${var.port}", "-config", var.proxies_file]
      }

      resources {
        cpu    = 200
        memory = 128
      }
    }
  }
}
