import { UiLanguage, type Language } from '@telekiosk/shared';

/**
 * System and assistant notices written into the transcript, in the visitor's language.
 * Keys are stable; add a language by adding a column.
 */
export const NOTICES = {
  greeting: {
    en: 'Hello! I am the Harbor City Office virtual assistant (an AI). Ask me about office hours, registration, certificates, garbage sorting or where to go. You can talk to a person at any time.',
    ja: 'こんにちは。ハーバー市役所のバーチャルアシスタント(AI)です。開庁時間、住民登録、証明書、ごみの分別、窓口の場所などをお尋ねください。いつでも職員と話すこともできます。',
    es: '¡Hola! Soy el asistente virtual (una IA) de la Oficina de Harbor City. Pregúnteme por horarios, empadronamiento, certificados, separación de basura o a dónde ir. Puede hablar con una persona en cualquier momento.',
    zh: '您好！我是港城市政府的虚拟助手（人工智能）。您可以询问办公时间、住民登记、证明书、垃圾分类或各窗口位置。您随时可以与工作人员交谈。',
  },
  visitorChoicePerson: {
    en: 'You asked to talk to a person. I am finding a staff member for you now.',
    ja: '職員との会話をご希望です。ただいま担当者をお探ししています。',
    es: 'Pidió hablar con una persona. Estoy buscando a un miembro del personal.',
    zh: '您希望与工作人员交谈。正在为您联系工作人员。',
  },
  escalating: {
    en: 'I am connecting you with a staff member. They will see our conversation, so you will not need to repeat yourself.',
    ja: '職員におつなぎします。これまでの会話は職員に伝わりますので、同じ説明を繰り返す必要はありません。',
    es: 'Le estoy conectando con un miembro del personal. Verá nuestra conversación, así que no tendrá que repetir nada.',
    zh: '正在为您转接工作人员。对方会看到我们的对话，您无需重复说明。',
  },
  workerJoined: {
    en: '{name} from Harbor City Office has joined.',
    ja: 'ハーバー市役所の{name}が対応します。',
    es: '{name}, de la Oficina de Harbor City, se ha unido.',
    zh: '港城市政府的{name}已加入。',
  },
  workerLost: {
    en: 'The staff member was disconnected. We are connecting you to the next available staff member. You keep your place.',
    ja: '職員との接続が切れました。次に対応できる職員におつなぎします。順番は保たれます。',
    es: 'Se perdió la conexión con el personal. Le conectamos con el siguiente miembro disponible. Mantiene su lugar.',
    zh: '与工作人员的连接已断开。正在为您联系下一位工作人员。您的排队位置会保留。',
  },
  transferring: {
    en: 'You are being transferred to a colleague who can help. Everything you said goes with you.',
    ja: '対応できる別の職員におつなぎします。これまでの内容はすべて引き継がれます。',
    es: 'Le transferimos a un colega que puede ayudarle. Todo lo que dijo se transmite.',
    zh: '正在为您转接可以提供帮助的同事。您说过的内容都会一并转交。',
  },
  handback: {
    en: 'You are back with the virtual assistant (AI). You can ask for a person again at any time.',
    ja: 'バーチャルアシスタント(AI)に戻りました。いつでも再び職員を呼ぶことができます。',
    es: 'Vuelve a estar con el asistente virtual (IA). Puede pedir una persona de nuevo en cualquier momento.',
    zh: '您已回到虚拟助手(人工智能)。您随时可以再次要求人工服务。',
  },
  sessionEnded: {
    en: 'The conversation has ended. Thank you for visiting.',
    ja: '会話を終了しました。ご来庁ありがとうございました。',
    es: 'La conversación ha terminado. Gracias por su visita.',
    zh: '对话已结束。感谢您的来访。',
  },
} satisfies Record<string, Record<UiLanguage, string>>;

/** A notice in `language` (English when the UI has no catalog for it), with `{name}`-style placeholders filled from `vars`. */
export function notice(key: keyof typeof NOTICES, language: Language, vars: Record<string, string> = {}): string {
  const lang = UiLanguage.safeParse(language).success ? (language as UiLanguage) : 'en';
  return NOTICES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
