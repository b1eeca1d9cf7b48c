"""``handbook notify``: the day's overdue and due-soon items per person, posted to a team
chat's group robot (WeCom 企业微信, DingTalk 钉钉 or Feishu 飞书).

- ``digest``: what is said, per person, in one language;
- ``service``: splitting it into messages within a service's size limit, reading replies;
- ``wecom``, ``dingtalk``, ``feishu``: each service's documented message format;
- ``send``: posting to the webhook, whose address comes from the environment only;
- ``command``: the ``handbook notify`` command.
"""
