# A nats-server in a container, run by Nomad's docker driver (which talks to Podman's Docker API;
# no registry is reachable, so the image is built locally first):
#
#   booty image build nats-server
#   booty job run jobs/nats-docker.nomad.hcl
#
# booty fills `nats_server_image` with localhost/booty/nats-server:<active version>. A versioned
# tag matters: Nomad's docker driver always pulls `latest`, and there is no registry to pull from.

variable "nats_server_image" {
  type        = string
  description = "a local image with nats-server as its entrypoint (booty fills it in)"
}

variable "datacenters" {
  type    = list(string)
  default = ["booty"]
}

variable "count" {
  type    = number
  default = 1
}

job "nats-docker" {
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
      name     = "nats-docker"
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
      driver = "docker"

      config {
        image        = var.nats_server_image
        force_pull   = false
        # host networking: the loopback stack has no container bridge to route through
        network_mode = "host"
        args = [
          "--addr", "127.0.0.1",
          "--port", "${NOMAD_PORT_client}",
          "--http_port", "${NOMAD_PORT_monitor}",
          "--jetstream", "--store_dir", "/local/jetstream",
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
