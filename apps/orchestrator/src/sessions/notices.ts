import { Language } from '@telekiosk/shared';

/**
 * System and assistant notices written into the transcript, in the visitor's language: one
 * column for each of the 8 conversation languages ({@link Language}), so the type check (and
 * notices.test.ts) fails when one is missing. Keys are stable; `{name}` placeholders are filled
 * by {@link notice}.
 */
export const NOTICES = {
  greeting: {
    en: 'Hello! I am the Harbor City Office virtual assistant (an AI). Ask me about office hours, registration, certificates, garbage sorting or where to go. You can talk to a person at any time.',
    ja: 'こんにちは。ハーバー市役所のバーチャルアシスタント(AI)です。開庁時間、住民登録、証明書、ごみの分別、窓口の場所などをお尋ねください。いつでも職員と話すこともできます。',
    es: '¡Hola! Soy el asistente virtual (una IA) de la Oficina de Harbor City. Pregúnteme por horarios, empadronamiento, certificados, separación de basura o a dónde ir. Puede hablar con una persona en cualquier momento.',
    zh: '您好！我是港城市政府的虚拟助手（人工智能）。您可以询问办公时间、住民登记、证明书、垃圾分类或各窗口位置。您随时可以与工作人员交谈。',
    ko: '안녕하세요! 하버시청의 가상 도우미(AI)입니다. 업무 시간, 주민 등록, 증명서, 쓰레기 분리배출, 찾아가실 곳 등을 물어보세요. 언제든지 직원과 이야기할 수 있습니다.',
    fr: 'Bonjour ! Je suis l’assistant virtuel (une IA) de la mairie de Harbor City. Posez-moi vos questions sur les horaires, les inscriptions, les certificats, le tri des déchets ou le service où aller. Vous pouvez parler à une personne à tout moment.',
    de: 'Hallo! Ich bin der virtuelle Assistent (eine KI) des Bürgeramts Harbor City. Fragen Sie mich nach Öffnungszeiten, Anmeldung, Bescheinigungen, Mülltrennung oder wohin Sie gehen müssen. Sie können jederzeit mit einem Menschen sprechen.',
    pt: 'Olá! Sou o assistente virtual (uma IA) da Prefeitura de Harbor City. Pergunte sobre horários, cadastro, certidões, separação do lixo ou aonde ir. Você pode falar com uma pessoa a qualquer momento.',
  },
  visitorChoicePerson: {
    en: 'You asked to talk to a person. I am finding a staff member for you now.',
    ja: '職員との会話をご希望です。ただいま担当者をお探ししています。',
    es: 'Pidió hablar con una persona. Estoy buscando a un miembro del personal.',
    zh: '您希望与工作人员交谈。正在为您联系工作人员。',
    ko: '직원과 이야기하기를 원하셨습니다. 지금 담당 직원을 찾고 있습니다.',
    fr: 'Vous avez demandé à parler à une personne. Je cherche un agent pour vous.',
    de: 'Sie möchten mit einem Menschen sprechen. Ich suche jetzt jemanden aus dem Team für Sie.',
    pt: 'Você pediu para falar com uma pessoa. Estou procurando um atendente para você.',
  },
  escalating: {
    en: 'I am connecting you with a staff member. They will see our conversation, so you will not need to repeat yourself.',
    ja: '職員におつなぎします。これまでの会話は職員に伝わりますので、同じ説明を繰り返す必要はありません。',
    es: 'Le estoy conectando con un miembro del personal. Verá nuestra conversación, así que no tendrá que repetir nada.',
    zh: '正在为您转接工作人员。对方会看到我们的对话，您无需重复说明。',
    ko: '직원과 연결해 드리겠습니다. 직원이 지금까지의 대화를 볼 수 있으니 같은 설명을 반복하지 않으셔도 됩니다.',
    fr: 'Je vous mets en relation avec un agent. Il verra notre conversation : vous n’aurez rien à répéter.',
    de: 'Ich verbinde Sie mit einer Person aus unserem Team. Sie sieht unser bisheriges Gespräch, Sie müssen also nichts wiederholen.',
    pt: 'Estou conectando você com um atendente. Ele verá nossa conversa, então você não precisará repetir nada.',
  },
  workerJoined: {
    en: '{name} from Harbor City Office has joined.',
    ja: 'ハーバー市役所の{name}が対応します。',
    es: '{name}, de la Oficina de Harbor City, se ha unido.',
    zh: '港城市政府的{name}已加入。',
    ko: '하버시청의 {name} 님이 연결되었습니다.',
    fr: '{name}, de la mairie de Harbor City, vous a rejoint.',
    de: '{name} vom Bürgeramt Harbor City ist jetzt bei Ihnen.',
    pt: '{name}, da Prefeitura de Harbor City, entrou na conversa.',
  },
  workerLost: {
    en: 'The staff member was disconnected. We are connecting you to the next available staff member. You keep your place.',
    ja: '職員との接続が切れました。次に対応できる職員におつなぎします。順番は保たれます。',
    es: 'Se perdió la conexión con el personal. Le conectamos con el siguiente miembro disponible. Mantiene su lugar.',
    zh: '与工作人员的连接已断开。正在为您联系下一位工作人员。您的排队位置会保留。',
    ko: '직원과의 연결이 끊겼습니다. 다음으로 가능한 직원과 연결해 드리겠습니다. 대기 순서는 그대로 유지됩니다.',
    fr: 'La connexion avec l’agent a été perdue. Nous vous mettons en relation avec le prochain agent disponible. Vous gardez votre place.',
    de: 'Die Verbindung zum Personal ist abgebrochen. Wir verbinden Sie mit der nächsten freien Person. Sie behalten Ihren Platz.',
    pt: 'A conexão com o atendente caiu. Vamos conectar você com o próximo atendente disponível. Você mantém o seu lugar na fila.',
  },
  onHold: {
    en: 'Please hold for a moment: {name} is briefing a colleague who will help you. You will not need to repeat anything.',
    ja: '少々お待ちください。{name}が担当の同僚に状況を伝えています。同じ説明を繰り返していただく必要はありません。',
    es: 'Espere un momento, por favor: {name} está informando a un compañero que le ayudará. No tendrá que repetir nada.',
    zh: '请稍候：{name}正在向将为您服务的同事说明情况。您无需重复说明。',
    ko: '잠시만 기다려 주세요. {name}님이 도와드릴 동료에게 상황을 전달하고 있습니다. 같은 내용을 다시 말씀하실 필요는 없습니다.',
    fr: 'Veuillez patienter un instant : {name} informe un collègue qui va vous aider. Vous n’aurez rien à répéter.',
    de: 'Bitte einen Moment Geduld: {name} informiert gerade eine Kollegin oder einen Kollegen, die oder der Ihnen hilft. Sie müssen nichts wiederholen.',
    pt: 'Aguarde um momento, por favor: {name} está passando o seu caso a um colega que vai ajudá-lo. Você não precisará repetir nada.',
  },
  transferring: {
    en: 'You are being transferred to a colleague who can help. Everything you said goes with you.',
    ja: '対応できる別の職員におつなぎします。これまでの内容はすべて引き継がれます。',
    es: 'Le transferimos a un colega que puede ayudarle. Todo lo que dijo se transmite.',
    zh: '正在为您转接可以提供帮助的同事。您说过的内容都会一并转交。',
    ko: '도와드릴 수 있는 다른 직원에게 연결해 드립니다. 지금까지 말씀하신 내용은 모두 전달됩니다.',
    fr: 'Nous vous transférons vers un collègue qui peut vous aider. Tout ce que vous avez dit lui est transmis.',
    de: 'Wir verbinden Sie mit einer Person aus dem Team, die Ihnen helfen kann. Alles, was Sie gesagt haben, wird weitergegeben.',
    pt: 'Vamos transferir você para um colega que pode ajudar. Tudo o que você disse vai junto.',
  },
  handback: {
    en: 'You are back with the virtual assistant (AI). You can ask for a person again at any time.',
    ja: 'バーチャルアシスタント(AI)に戻りました。いつでも再び職員を呼ぶことができます。',
    es: 'Vuelve a estar con el asistente virtual (IA). Puede pedir una persona de nuevo en cualquier momento.',
    zh: '您已回到虚拟助手(人工智能)。您随时可以再次要求人工服务。',
    ko: '가상 도우미(AI)로 돌아왔습니다. 언제든지 다시 직원을 요청할 수 있습니다.',
    fr: 'Vous êtes de nouveau avec l’assistant virtuel (IA). Vous pouvez redemander une personne à tout moment.',
    de: 'Sie sind wieder beim virtuellen Assistenten (KI). Sie können jederzeit wieder nach einem Menschen fragen.',
    pt: 'Você voltou ao assistente virtual (IA). Pode pedir uma pessoa de novo a qualquer momento.',
  },
  sessionEnded: {
    en: 'The conversation has ended. Thank you for visiting.',
    ja: '会話を終了しました。ご来庁ありがとうございました。',
    es: 'La conversación ha terminado. Gracias por su visita.',
    zh: '对话已结束。感谢您的来访。',
    ko: '대화가 끝났습니다. 방문해 주셔서 감사합니다.',
    fr: 'La conversation est terminée. Merci de votre visite.',
    de: 'Das Gespräch ist beendet. Vielen Dank für Ihren Besuch.',
    pt: 'A conversa terminou. Obrigado pela sua visita.',
  },
} satisfies Record<string, Record<Language, string>>;

/** The notice keys (stable identifiers of each text). */
export type NoticeKey = keyof typeof NOTICES;

/**
 * A notice in `language`, with `{name}`-style placeholders filled from `vars` (a placeholder
 * without a value becomes empty). A value that is not one of the 8 languages (an old row, a bad
 * input) falls back to English rather than failing.
 */
export function notice(key: NoticeKey, language: Language, vars: Record<string, string> = {}): string {
  const parsed = Language.safeParse(language);
  const lang: Language = parsed.success ? parsed.data : 'en';
  return NOTICES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
