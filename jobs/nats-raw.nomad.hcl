# A nats-server run by Nomad's raw_exec driver, registered in Consul with a /healthz check.
#
#   booty job run jobs/nats-raw.nomad.hcl
#   booty job run jobs/nats-raw.nomad.hcl -var name=nats-2 -var count=2
#
# booty fills `nats_server` with the active installed nats-server unless -var gives one.

variable "nats_server" {
  type        = string
  description = "path of the nats-server binary (booty fills it in)"
}

variable "datacenters" {
  type    = list(string)
  default = ["booty"]
}

variable "count" {
  type    = number
  default = 1
}

job "nats-raw" {
  datacenters = var.datacenters
  type        = "service"

  update {
    health_check     = "checks"
    min_healthy_time = "1s"
    healthy_deadline  = "60s"
    progress_deadline = "90s"
  }

  group "nats" {
    count = var.count

    network {
      port "client" {}
      port "monitor" {}
    }

    service {
      name     = "nats-raw"
      port     = "client"
      provider = "consul"
      tags     = ["booty"]

      check {
        name     = "healthz"
        type     = "http"
        port     = "monitor"
        path     = "/healthz"
        interval = "1s"
        timeout  = "1s"
      }
    }

    task "nats-server" {
      driver = "raw_exec"

      config {
        command = var.nats_server
        args = [
          "--addr", "127.0.0.1",
          "--port", "${NOMAD_PORT_client}",
          "--http_port", "${NOMAD_PORT_monitor}",
          "--jetstream", "--store_dir", "${NOMAD_TASK_DIR}/jetstream",
          "--server_name", "${NOMAD_ALLOC_ID}",
        ]
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
