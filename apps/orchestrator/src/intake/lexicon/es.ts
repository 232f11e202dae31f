import type { LanguagePack } from './types.ts';

const PERSON =
  'persona|humano|humana|agente|alguien|empleado|empleada|funcionario|funcionaria|trabajador|trabajadora|representante|operador|operadora|encargado|encargada|personal|gente|responsable|asesor|asesora';

/** Spanish language pack. */
export const es: LanguagePack = {
  code: 'es',
  name: 'Español',
  segmentation: 'spaced',
  stripPlural: true,
  stopwords: [
    'soy', 'eres', 'somos', 'sin', 'nadie', 'algo', 'despues', 'antes', 'cada',
    'a', 'al', 'el', 'la', 'lo', 'los', 'las', 'un', 'una', 'unos', 'unas', 'de', 'del', 'en', 'con', 'por', 'para', 'y',
    'o', 'u', 'no', 'que', 'qué', 'se', 'me', 'mi', 'mis', 'te', 'tu', 'su', 'sus', 'le', 'les', 'yo', 'usted', 'ustedes',
    'nos', 'es', 'son', 'esta', 'está', 'estan', 'están', 'estoy', 'hay', 'ser', 'estar', 'donde', 'dónde', 'cuando',
    'cuándo', 'como', 'cómo', 'cual', 'cuál', 'cuales', 'quien', 'quién', 'puedo', 'puede', 'pueden', 'podria',
    'podría', 'quiero', 'quisiera', 'necesito', 'tengo', 'tiene', 'hacer', 'hago', 'saber', 'favor', 'por', 'este',
    'esta', 'eso', 'esto', 'ese', 'aqui', 'aquí', 'alli', 'allí', 'muy', 'mas', 'más', 'hola', 'gracias', 'buenos',
    'buenas', 'dias', 'días', 'tardes', 'mucho', 'mucha', 'muchos', 'muchas', 'si', 'sí', 'ya', 'tambien', 'también', 'oficina', 'ayuntamiento', 'ciudad',
    'harbor', 'city', 'informacion', 'información', 'ayuda', 'ayudar', 'sobre', 'acerca', 'decir', 'dime', 'digame', 'sacar', 'obtener', 'conseguir', 'pedir', 'tramitar', 'hoy', 'ahora',
    // Courtesy formulae ("Sería tan amable de indicarme...", "Je me permets de solliciter..."): they
    // diluted the query coverage of the topic words behind them (dev8, 2026-12-07).
    'seria', 'sería', 'tan', 'amable', 'indicarme', 'indicar', 'indique', 'indicarnos', 'disculpe', 'disculpa', 'molestia', 'molestar', 'consultar', 'consultarle', 'gustaria', 'gustaría', 'agradeceria', 'agradecería', 'amabilidad', 'queria', 'quería', 'señor', 'señora', 'señorita', 'solicitar', 'ruego',
  ],
  patterns: {
    requestPerson: [
      `hablar|charlar|conversar|comunicarme|hablo|hable con|a * ${PERSON}`,
      `pasar|pasame|pásame|paseme|páseme|comunicar|comunicame|comunícame|conectar|conectame|conécteme|conecteme|transferir|transfiera|transfiéreme con|a * ${PERSON}`,
      'quiero|necesito|quisiera|prefiero|puedo ver|tener? a? un|una|al|a_la? persona|humano|agente|representante|operador|operadora|empleado|empleada|funcionario|funcionaria|encargado|encargada|alguien_que_me_ayude',
      'persona|agente|operador|atencion|ayuda real|humana|humano|de_verdad|de_carne_y_hueso|personal|presencial',
      `ayuda|atencion de * ${PERSON}`,
      `llamar|llame|llama|llamen|busque|buscar|traiga|traer a * ${PERSON}`,
      'agente',
      `^ ${PERSON} por_favor? $`,
      'no quiero|deseo * robot|maquina|bot|computadora|ia',
      // a named official looked for and asked to be put through (Mexico: "busco al licenciado Ramírez ... me lo pueda comunicar"; dev6, 2026-12-06)
      'me lo|la puede|pueda|podria|podrias comunicar',
      'busco|buscando|buscar al|a_la licenciado|licenciada|ingeniero|ingeniera|doctor|doctora|jefe|jefa|encargado|encargada|arquitecto|arquitecta',
    ],
    greeting: [
      '^ hola|saludos|buenas|buenos|buen|oiga|oye|disculpe|perdone|perdon|hey dias|tardes|noches|dia?',
    ],
    thanks: [
      'muchas|mil|muchisimas gracias',
      '^ entendido|ya_esta|me_queda_claro $',
      'gracias|agradezco|agradecido|agradecida|adios|chao|chau',
      'hasta luego|pronto|manana|la_vista',
      '^ eso es todo',
      '^ nada mas',
      'que tenga|tengas un? buen|buena|lindo|bonito dia|tarde',
    ],
    negativeFeedback: [
      'no me|nos ayudo|ayuda|sirve|sirvio|sirven|ha_ayudado|ha_servido|resuelve|resolvio',
      'no es|era lo que * pregunte|preguntaba|queria|quiero|necesito|necesitaba|busco|buscaba|pedi|dije',
      'no sirve|sirvio|ayuda|responde|respondio|contesta|contesto',
      'inutil|inservible',
      'respuesta|informacion incorrecta|equivocada|erronea|mala',
      'esta|eso_esta|estas mal|equivocado|equivocada',
      'no me? entiendes|entiende|entendiste|entendio|entienden',
      'eso no es lo|correcto|cierto|verdad|asi',
      // "No, no" as a correction ("no, no, eso no", "no no, pregunto por..."), not as the start of a
      // decline ("No, no hace falta que venga nadie", "No, no, tranquilo, ya lo tengo claro").
      '^ no no $',
      '^ no no eso|era|que|pero|digo|pregunto|pregunte|me_refiero',
      'no es eso',
    ],
    affirm: [
      '^ si|sí|claro|vale|ok|okay|bueno|dale|perfecto|de_acuerdo|por_favor|porfa por_favor|gracias? $',
      '^ si|sí? conecteme|conectame|paseme|pasame|hagalo|adelante por_favor? $',
    ],
    decline: [
      '^ no gracias|muchas_gracias? $',
      '^ no|no_hace_falta|no_es_necesario|estoy_bien|asi_esta_bien|esta_bien|todavia_no|ahora_no gracias? $',
      '^ no * bien|gracias|falta|necesario|asi $',
      '^ dejalo|dejelo|deja|olvidalo|no|no_gracias no_hace_falta|no_es_necesario|esta_bien|gracias|da_igual $',
    ],
  },
  replies: {
    greeting:
      '¡Hola! Bienvenido a la Oficina de Harbor City. Puedo ayudarle con el horario, certificados, mudanzas, impuestos, la separación de la basura y cómo llegar a cada ventanilla. ¿En qué puedo ayudarle?',
    thanks: '¡De nada! Que tenga un buen día.',
    unknown: 'Lo siento, no estoy seguro de eso. ¿Quiere que le comunique con un miembro del personal?',
    unknownNear:
      'Lo siento, mi información sobre «{topic}» no incluye ese detalle. ¿Quiere que le comunique con un miembro del personal que pueda informarle?',
    anythingElse: 'De acuerdo. ¿Hay algo más en lo que pueda ayudarle?',
    escalation: {
      explicit_request: 'Ahora mismo le comunico con un miembro del personal. Espere un momento, por favor.',
      out_of_scope: 'Lo siento, no puedo responder a eso. Ahora mismo le comunico con un miembro del personal.',
      repeated_failure: 'Siento no haberle ayudado. Ahora mismo le comunico con un miembro del personal.',
    },
    summary: { first: 'Primera pregunta', latest: 'Última', topics: 'Temas', none: 'Todavía no hay una pregunta concreta.', listSeparator: ', ' },
  },
};
